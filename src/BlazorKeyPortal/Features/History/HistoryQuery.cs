using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.History;

/// <summary>Pages and counts of the key history, one database context per call.</summary>
public sealed class HistoryQuery(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider time)
{
    /// <summary>The largest page a caller gets, whatever it asks for.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// From this many matching keys on, a page is read by walking the order's index (see
    /// <see cref="HistoryQueryable.WhereMatches"/>): about √(page size × keys) at a million keys, where walking until
    /// a page is full costs what sorting the matches would.
    /// </summary>
    public const int WalkOrderFrom = 5_000;

    /// <summary>Page <paramref name="pageIndex"/> (zero-based) of the keys that match, in <paramref name="sort"/> order.</summary>
    /// <param name="matching">How many keys match, when the caller counted them (the grid does, once per filter).</param>
    /// <param name="seek">The part of the filter whose index the count sought (<see cref="HistoryCount.Seek"/>), for a page of fewer matches than <see cref="WalkOrderFrom"/>.</param>
    public async Task<HistoryRows> GetPageAsync(HistoryFilter filter, HistorySort sort, int pageIndex, int pageSize, int? matching = null, HistoryFilterPart? seek = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        pageSize = Math.Min(pageSize, MaxPageSize);
        var now = time.GetUtcNow();

        await using var db = contextFactory.CreateDbContext();
        // First the page's ids, then their rows: the ids of a page can often be read from an index alone, and only the
        // page's own rows are then fetched, rather than every row a sort has to look at.
        var ids = await db.SessionKeys
            .WhereMatches(filter, now, readInOrderOf: matching >= WalkOrderFrom ? sort : null, matching ?? 0, seekOnly: seek)
            .OrderBy(sort)
            .Skip(pageIndex * pageSize)
            .Take(pageSize)
            .Select(k => k.Id)
            .ToListAsync(cancellationToken);
        var rows = await db.SessionKeys.AsNoTracking().Where(k => ids.Contains(k.Id)).SelectRows().ToDictionaryAsync(r => r.Id, cancellationToken);
        return new HistoryRows(ids.ConvertAll(id => rows[id] with { State = KeyStates.Of(rows[id].ExpiresAt, rows[id].RedeemedAt, rows[id].RevokedAt, now) }), now);
    }

    /// <summary>
    /// Up to this many matches the grid's count is always exact; beyond it, only where one index answers it alone
    /// (see <see cref="HistoryFilterParts.CountsFromOneIndex"/>), and "more than 10,000" otherwise (ADR-013).
    /// </summary>
    public const int ExactCountUpTo = 10_000;

    /// <summary>
    /// A filter of several columns reads at most this many candidate rows for its count: exact when they are all its
    /// candidates, otherwise "at least" the matches among them, or "more than 10,000" (ADR-013).
    /// </summary>
    public const int CandidatesUpTo = 5_000;

    /// <summary>A column with a state reads at most this many entries of the column's index (no row) for its count.</summary>
    public const int IndexCandidatesUpTo = 50_000;

    /// <summary>
    /// How many keys match <paramref name="filter"/> now, counting at most <paramref name="upTo"/> + 1 of them unless
    /// one index answers the count alone: a filter that combines columns no single index holds would otherwise read a
    /// row for every candidate key. The count seeks the index of one part of the filter (<see cref="HistoryCount.Seek"/>),
    /// which the page then seeks too.
    /// </summary>
    public async Task<HistoryCount> CountUpToAsync(HistoryFilter filter, int upTo = ExactCountUpTo, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        var seek = HistoryFilterParts.Driver(filter);
        var columns = HistoryFilterParts.Columns(filter);
        var candidates = HistoryFilterParts.Candidates(filter);
        if (candidates.Count > 1 && seek != HistoryFilterPart.ShortKey)
        {
            // Several parts: seek the one that alone matches fewest keys, so the count and a page of few matches read at
            // most that many rows. Each probe reads at most upTo + 1 entries of its own index and no row.
            var fewest = int.MaxValue;
            foreach (var part in candidates)
            {
                var alone = await db.SessionKeys.WhereMatches(HistoryFilterParts.Only(filter, part), now, seekOnly: part).Take(upTo + 1).CountAsync(cancellationToken);
                if (alone < fewest) (fewest, seek) = (alone, part);
            }
        }
        if (columns is [HistoryFilterPart.ExternalKey] && filter.State is null)
        {
            // A newest-first page of a prefix sorts its index entries up to this many matches and walks the issue time
            // beyond (HistoryQueryable.ExternalKeySortUpTo), so it needs to know which; the index alone answers it.
            upTo = Math.Max(upTo, HistoryQueryable.ExternalKeySortUpTo);
        }
        if (seek is { } sought && (columns.Any(c => c != sought) || (filter.State is not null && sought != HistoryFilterPart.State)))
        {
            // Read at most so many candidates of the sought part and count the matches among them, so the count costs the
            // same however sparse the matches are: few when a column must be read from each candidate's row, more when
            // the sought index holds everything tested (a column's index holds the state's columns).
            var rowsNeeded = columns.Any(c => c != sought);
            var cap = rowsNeeded ? CandidatesUpTo : IndexCandidatesUpTo;
            var seeking = db.SessionKeys.WhereMatches(HistoryFilterParts.Only(filter, sought), now, seekOnly: sought).Take(cap);
            var found = await seeking.Select(HistoryQueryable.MatchFlag(filter, now)).SumAsync(cancellationToken);
            var read = await seeking.CountAsync(cancellationToken);
            return read < cap
                ? new HistoryCount(found, IsLowerBound: false) { Seek = seek }
                : new HistoryCount(Math.Min(found, upTo + 1), IsLowerBound: true) { Seek = seek };
        }
        var matching = db.SessionKeys.WhereMatches(filter, now, seekOnly: seek);
        var bounded = await matching.Take(upTo + 1).CountAsync(cancellationToken);
        if (bounded <= upTo) return new HistoryCount(bounded, IsLowerBound: false) { Seek = seek };
        return HistoryFilterParts.CountsFromOneIndex(filter)
            ? new HistoryCount(await matching.CountAsync(cancellationToken), IsLowerBound: false) { Seek = seek }
            : new HistoryCount(bounded, IsLowerBound: true) { Seek = seek };
    }

    /// <summary>How many keys match <paramref name="filter"/> now, exactly, however many rows that reads.</summary>
    public async Task<int> CountAsync(HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        return await db.SessionKeys.WhereMatches(filter, now).CountAsync(cancellationToken);
    }
}
