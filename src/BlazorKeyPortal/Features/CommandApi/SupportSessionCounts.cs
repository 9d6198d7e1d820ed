using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.CommandApi;

/// <summary>How many sessions each representative is working on now (<c>support_session_count</c>).</summary>
public sealed class SupportSessionCounts(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<IReadOnlyDictionary<int, int>> ActiveByRepAsync(CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        return await db.SupportSessions.AsNoTracking()
            .Where(s => s.Status == SupportSessionStatus.Active && s.AcceptedByRepId != null)
            .GroupBy(s => s.AcceptedByRepId!.Value)
            .Select(g => new { RepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RepId, g => g.Count, cancellationToken);
    }
}
