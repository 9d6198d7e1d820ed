namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// A signed-in browser's portal session (or its session at the built-in provider), kept on the server: the cookie
/// carries only a key whose SHA-256 is <see cref="Id"/>, and the sign-in ticket (claims, tokens) lives here, protected
/// with Data Protection.
/// Removing the row ends the session at once, wherever its cookie has been copied to.
/// </summary>
public sealed class PortalSession
{
    /// <summary>The SHA-256 of the cookie's session key (base64url), so a copy of the table opens no session.</summary>
    public required string Id { get; set; }

    /// <summary>The provider's subject of the signed-in user: a sign-in as someone else never takes over this row.</summary>
    public required string Subject { get; set; }

    /// <summary>The sign-in name, for operators who look for a user's sessions.</summary>
    public required string UserName { get; set; }

    /// <summary>
    /// The serialized ticket, protected with Data Protection (purpose <c>BlazorKeyPortal.PortalSessions.v1</c>, or
    /// <c>BlazorKeyPortal.ProviderSessions.v1</c> for a session of the built-in provider).
    /// </summary>
    public required byte[] Ticket { get; set; }

    /// <summary>When the session ends unless it is used (and so renewed) before; expired rows are swept.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
