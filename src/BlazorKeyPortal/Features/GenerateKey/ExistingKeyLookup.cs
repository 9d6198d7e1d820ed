using System.Security.Claims;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.GenerateKey;

/// <summary>
/// A key that can still be used, issued earlier for the same external key. <see cref="ShortKey"/> and
/// <see cref="Queue"/> are null when the viewer may only learn that the key exists.
/// </summary>
public sealed record ExistingKey(string? ShortKey, string? Queue, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the viewer may see the key itself (their own key, or any key for those who review the history).</summary>
    public bool IsShown => ShortKey is not null;
}

/// <summary>
/// Finds unexpired, unused keys for an external key, so an agent does not hand out a second one unknowingly.
/// A short key is a credential (whoever reads it can redeem it), and ticket numbers are easy to guess, so an agent
/// gets the short keys of their own keys only; of anyone else's they learn issuer, time and expiry. Supervisors and
/// administrators, who see every key in the history, get every short key. The rule is applied in the query, so
/// other issuers' short keys never leave the database for an agent's page.
/// </summary>
public sealed class ExistingKeyLookup(IDbContextFactory<PortalDbContext> contextFactory, IAuthorizationService authorization, TimeProvider time)
{
    /// <summary>At most this many keys are listed, newest first.</summary>
    public const int Limit = 5;

    public async Task<IReadOnlyList<ExistingKey>> FindAsync(string externalKey, ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        var seesEveryKey = (await authorization.AuthorizeAsync(viewer, PortalPolicies.ReviewHistory)).Succeeded;
        // An anonymous or nameless viewer owns no key; "" matches no issuer (IssuedBy is never empty).
        var viewerName = viewer.Identity?.IsAuthenticated == true ? PortalClaims.ActingNameOf(viewer) ?? "" : "";
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        return await db.SessionKeys.AsNoTracking()
            .Where(k => k.ExternalKey == externalKey && k.ExpiresAt > now && k.RedeemedAt == null && k.RevokedAt == null)
            .OrderByDescending(k => k.IssuedAt).Take(Limit)
            .Select(k => new { Key = k, Shown = seesEveryKey || (viewerName != "" && k.IssuerKind == IssuerKind.User && k.IssuedBy == viewerName) })
            .Select(k => new ExistingKey(k.Shown ? k.Key.ShortKey : null, k.Shown ? k.Key.RequestedQueue : null, k.Key.IssuedBy, k.Key.IssuedAt, k.Key.ExpiresAt))
            .ToListAsync(cancellationToken);
    }
}
