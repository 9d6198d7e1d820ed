using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>A validated request with everything resolved: what a key authority issues.</summary>
public sealed record KeyIssueOrder(
    QueueTarget Queue,
    string RequestedQueue,
    string? ExternalKey,
    IReadOnlyDictionary<string, string> CustomFields,
    int? Priority,
    IReadOnlyList<string> Skills,
    int TtlSeconds,
    bool TtlWasGiven,
    SiteInfo Site,
    string UrlHostname,
    KeyIssuer Issuer,
    Uri? PortalOrigin,
    bool Available,
    CatalogSnapshot Catalog);

/// <summary>An issued key: what the <c>session_key</c> document and the result card show.</summary>
public sealed record IssuedSessionKey(
    long Id,
    string Type,
    int TtlSeconds,
    bool TtlWasGiven,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    QueueTarget Queue,
    bool Available,
    string? ExternalKey,
    string ShortKey,
    string KeyUrl,
    string MailSubject,
    string MailBody,
    int SiteId,
    string SiteName,
    string UrlHostname);

/// <summary>Issues keys for validated orders: the portal's own database, or a BeyondTrust appliance.</summary>
public interface ISessionKeyAuthority
{
    Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken);
}

/// <summary>The key store cannot take a key now (database read-only, locked, unreachable, appliance down).</summary>
public sealed class KeyStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The key authority refused this request (an appliance's <c>&lt;error&gt;</c> reply): no key was issued, and
/// the same request would be refused again. The message is for the caller, as a validation error is.
/// </summary>
public sealed class KeyRequestRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The outcome of a request: a key, the reasons it was refused, or why the service could not act.</summary>
public sealed record SessionKeyOutcome(IssuedSessionKey? Key, IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors, string? ServiceError)
{
    public static SessionKeyOutcome Issued(IssuedSessionKey key) => new(key, [], null);
    public static SessionKeyOutcome Rejected(IReadOnlyList<FluentValidation.Results.ValidationFailure> errors) => new(null, errors, null);
    public static SessionKeyOutcome Unavailable(string message) => new(null, [], message);
}
