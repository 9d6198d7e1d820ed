using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.MyKeys;

/// <summary>One of the user's keys, as My keys lists it.</summary>
public sealed record MyKey(long Id, string ShortKey, string Queue, string? ExternalKey, string Site, DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? RedeemedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The state at <paramref name="now"/>, by the same rule as the history.</summary>
    public KeyState StateAt(DateTimeOffset now) => KeyStates.Of(ExpiresAt, RedeemedAt, RevokedAt, now);
}

/// <summary>The keys a portal user issued, newest first.</summary>
public sealed class MyKeysQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<MyKey>> RecentAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        return await db.SessionKeys.AsNoTracking()
            .Where(k => k.IssuerKind == IssuerKind.User && k.IssuedBy == userName)
            .OrderByDescending(k => k.IssuedAt).ThenByDescending(k => k.Id).Take(Limit)
            .Select(k => new MyKey(k.Id, k.ShortKey, k.RequestedQueue, k.ExternalKey, k.Site!.Name, k.IssuedAt, k.ExpiresAt, k.RedeemedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }
}
