using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.GenerateKey;

/// <summary>A key that can still be used, issued earlier for the same external key.</summary>
public sealed record ExistingKey(string ShortKey, string Queue, string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>Finds unexpired, unused keys for an external key, so an agent does not hand out a second one unknowingly.</summary>
public sealed class ExistingKeyLookup(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<ExistingKey>> FindAsync(string externalKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        return await db.SessionKeys.AsNoTracking()
            .Where(k => k.ExternalKey == externalKey && k.ExpiresAt > now && k.RedeemedAt == null && k.RevokedAt == null)
            .OrderByDescending(k => k.IssuedAt).Take(5)
            .Select(k => new ExistingKey(k.ShortKey, k.RequestedQueue, k.IssuedBy, k.IssuedAt, k.ExpiresAt))
            .ToListAsync(cancellationToken);
    }
}
