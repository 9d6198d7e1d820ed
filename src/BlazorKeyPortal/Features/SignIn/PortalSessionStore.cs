using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// Server-side portal sessions (the cookie handler's <see cref="CookieAuthenticationOptions.SessionStore"/>): the
/// cookie carries a random key, the ticket is a <see cref="PortalSession"/> row protected with Data Protection. Signing
/// out removes the row, so a copied cookie is dead at once. Reads are served from memory for at most one
/// <see cref="PortalSignInOptions.SessionRevalidationInterval"/>; a removal on this instance evicts at once, one on
/// another instance is seen here within that time.
/// </summary>
/// <remarks>
/// Writes (sign-in, renewal, sign-out, the sweep) go through the single <see cref="DatabaseWriter"/>, although sessions
/// are no audit data: SQLite takes one writer at a time, and a second write path would wait on the writer's batches
/// with Microsoft.Data.Sqlite's busy sleeps on thread-pool threads. Session writes are rare (sign-in, sign-out, a
/// renewal every five hours of use or when roles change) and short (one row), so they cost the writer nothing.
/// </remarks>
public class PortalSessionStore(
    IDbContextFactory<PortalDbContext> contexts,
    DatabaseWriter writer,
    IDataProtectionProvider dataProtection,
    IOptions<PortalSignInOptions> options,
    TimeProvider time,
    ILogger<PortalSessionStore> logger,
    SessionTicketKind? kind = null) : ITicketStore
{
    private const int PruneAbove = 10_000;

    private readonly SessionTicketKind _kind = kind ?? SessionTicketKind.Portal;
    private readonly IDataProtector _protector = dataProtection.CreateProtector((kind ?? SessionTicketKind.Portal).Purpose);
    private readonly ConcurrentDictionary<string, CachedTicket> _cache = new(StringComparer.Ordinal);
    private long _removals;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var session = new PortalSession
        {
            Id = IdOf(key),
            Subject = SubjectOf(ticket),
            UserName = PortalClaims.ActingNameOf(ticket.Principal) ?? "",
            Ticket = Protect(ticket),
            ExpiresAt = ExpiryOf(ticket),
        };
        var removals = Interlocked.Read(ref _removals);
        await writer.WriteAsync(scope =>
        {
            scope.Db.PortalSessions.Add(session);
            return 0;
        }, cancellationToken);
        Remember(session.Id, ticket, session.ExpiresAt, removals);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// Replaces the session's ticket (sliding expiry, changed roles). The cookie handler also renews when a browser
    /// that still holds a live session signs in again; if that sign-in is someone else's, the session is removed
    /// instead, so a session key planted in a browser never becomes the next user's session (session fixation).
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var subject = SubjectOf(ticket);
        var userName = PortalClaims.ActingNameOf(ticket.Principal) ?? "";
        var protectedTicket = Protect(ticket);
        var expiresAt = ExpiryOf(ticket);
        var removals = Interlocked.Read(ref _removals);
        var renewed = await writer.WriteAsync(scope =>
        {
            var updated = scope.Db.PortalSessions.Where(s => s.Id == id && s.Subject == subject).ExecuteUpdate(s => s
                .SetProperty(p => p.Ticket, protectedTicket)
                .SetProperty(p => p.ExpiresAt, expiresAt)
                .SetProperty(p => p.UserName, userName));
            if (updated == 0) scope.Db.PortalSessions.Where(s => s.Id == id).ExecuteDelete();
            return updated > 0;
        }, cancellationToken);
        if (renewed)
        {
            Remember(id, ticket, expiresAt, removals);
        }
        else
        {
            Interlocked.Increment(ref _removals);
            _cache.TryRemove(id, out _);
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached))
        {
            if (cached.FreshUntil > now && cached.ExpiresAt > now) return cached.Ticket.Clone();
            _cache.TryRemove(KeyValuePair.Create(id, cached));
        }

        var removals = Interlocked.Read(ref _removals);
        await using var db = contexts.CreateDbContext();
        var row = await db.PortalSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        // An expired row is left to the sweep: the session is over whether or not its row is gone yet.
        if (row is null || row.ExpiresAt <= now || Unprotect(row.Ticket) is not { } ticket) return null;
        Remember(id, ticket, row.ExpiresAt, removals);
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    /// <summary>Ends the session: evicted here at once, removed from the database before the caller goes on.</summary>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        // Evicted before and after the delete: a read that raced it is not remembered (see Remember).
        Interlocked.Increment(ref _removals);
        _cache.TryRemove(id, out _);
        // Not cancelled with the request: a sign-out whose browser went away must still end the session.
        await writer.WriteAsync(scope => scope.Db.PortalSessions.Where(s => s.Id == id).ExecuteDelete(), CancellationToken.None);
        Interlocked.Increment(ref _removals);
        _cache.TryRemove(id, out _);
    }

    /// <summary>Deletes every expired session and forgets what memory holds beyond its time; returns the rows deleted.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = await writer.WriteAsync(scope => scope.Db.PortalSessions.Where(s => s.ExpiresAt <= now).ExecuteDelete(), cancellationToken);
        Prune(now);
        return deleted;
    }

    private void Remember(string id, AuthenticationTicket ticket, DateTimeOffset expiresAt, long removalsBefore)
    {
        var now = time.GetUtcNow();
        if (_cache.Count > PruneAbove) Prune(now);
        _cache[id] = new CachedTicket(ticket.Clone(), expiresAt, now + options.Value.SessionRevalidationInterval);
        // A removal that raced the read or write before this is seen here and undone.
        if (Interlocked.Read(ref _removals) != removalsBefore) _cache.TryRemove(id, out _);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, cached) in _cache)
        {
            if (cached.FreshUntil <= now || cached.ExpiresAt <= now) _cache.TryRemove(KeyValuePair.Create(id, cached));
        }
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(data));
        }
        catch (CryptographicException ex)
        {
            // Data Protection keys lost or rotated out: the session cannot be read, so the user signs in again.
            logger.LogWarning(ex, "A portal session could not be unprotected and is treated as ended.");
            return null;
        }
    }

    private DateTimeOffset ExpiryOf(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc ?? time.GetUtcNow() + SignInServiceCollectionExtensions.SessionLifetime;

    private string SubjectOf(AuthenticationTicket ticket) => ticket.Principal.FindFirst(_kind.SubjectClaimType)?.Value ?? "";

    /// <summary>The row id of a session key: its SHA-256, so the table alone opens no session.</summary>
    private static string IdOf(string key) => PortalClaims.Fingerprint(key);

    private sealed record CachedTicket(AuthenticationTicket Ticket, DateTimeOffset ExpiresAt, DateTimeOffset FreshUntil);
}

/// <summary>
/// Which sessions a <see cref="PortalSessionStore"/> keeps: the Data Protection purpose of their tickets (so a row of one
/// kind never opens as the other) and the claim that names their user (a sign-in as someone else never takes over a row).
/// </summary>
public sealed record SessionTicketKind(string Purpose, string SubjectClaimType)
{
    /// <summary>The portal's own sessions (the OIDC sign-in's cookie).</summary>
    public static readonly SessionTicketKind Portal = new("BlazorKeyPortal.PortalSessions.v1", PortalClaims.Subject);

    /// <summary>The built-in provider's sessions (ASP.NET Core Identity's application cookie): the user's id.</summary>
    public static readonly SessionTicketKind Provider = new("BlazorKeyPortal.ProviderSessions.v1", ClaimTypes.NameIdentifier);
}

/// <summary>
/// The built-in provider's sessions, kept like the portal's: the provider's cookie carries only a key, so ending the
/// session (the portal's sign-out, the provider's end-session endpoint) makes every copy of that cookie worthless.
/// Without it the cookie would be a self-contained ticket, and a copy taken before sign-out would let the
/// authorization endpoint sign its holder in again without the password until it expired.
/// </summary>
public sealed class ProviderSessionStore(
    IDbContextFactory<PortalDbContext> contexts,
    DatabaseWriter writer,
    IDataProtectionProvider dataProtection,
    IOptions<PortalSignInOptions> options,
    TimeProvider time,
    ILogger<PortalSessionStore> logger)
    : PortalSessionStore(contexts, writer, dataProtection, options, time, logger, SessionTicketKind.Provider);

/// <summary>
/// Deletes expired sessions once an hour, the provider's with the portal's (they share the table; an expired session is
/// refused on read before that).
/// </summary>
internal sealed class PortalSessionSweeper(PortalSessionStore sessions, TimeProvider time, ILogger<PortalSessionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A failed sweep waits for the next hour; the database may have been busy or unavailable.
        PeriodicWork.RunAsync(time, Period, SweepAsync, ex => logger.LogWarning(ex, "Expired portal sessions could not be removed."), stoppingToken);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = await sessions.RemoveExpiredAsync(cancellationToken);
        if (deleted > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Removed {Count} expired portal sessions.", deleted);
        }
    }
}
