namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Issues keys for validated orders: the portal's own database, or a BeyondTrust appliance.</summary>
public interface ISessionKeyAuthority
{
    Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken);
}

/// <summary>The key store cannot take a key now (database read-only, locked, unreachable, appliance down).</summary>
public sealed class KeyStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The key authority refused this request (an appliance's <c>&lt;error&gt;</c> reply): no key was issued, and
/// the same request would be refused again. The message is for the caller, as a validation error is, and
/// <paramref name="propertyName"/> names the <see cref="SessionKeyRequest"/> property it is about, when one is known.
/// </summary>
public sealed class KeyRequestRefusedException(string message, Exception? inner = null, string? propertyName = null) : Exception(message, inner)
{
    /// <summary>The <see cref="SessionKeyRequest"/> property the refusal is about; null when it concerns the whole request.</summary>
    public string? PropertyName { get; } = propertyName;
}
