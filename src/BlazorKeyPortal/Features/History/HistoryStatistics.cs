using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.History;

/// <summary>What the charts show for a filter.</summary>
public sealed record HistoryStatisticsResult(
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<SiteDailyCounts> IssuedPerDay,
    StateShares Shares,
    TimeSpan? MedianTimeToRedemption,
    DateTimeOffset ReadAt);

/// <summary>Keys issued for one site on each of <see cref="HistoryStatisticsResult.Days"/>.</summary>
public sealed record SiteDailyCounts(int SiteId, string Site, IReadOnlyList<int> Counts);

/// <summary>How the matching keys ended up (or stand, for active ones).</summary>
public sealed record StateShares(int Total, int Redeemed, int ExpiredUnused, int Revoked)
{
    public int Active => Total - Redeemed - ExpiredUnused - Revoked;
}

/// <summary>
/// The charts' numbers, on the same filter as the grid. Counts are aggregated in SQL on every provider; the median
/// time to redemption is not expressible there for both providers, so the redeemed keys' durations are streamed into
/// a per-second histogram whose size is bounded by the longest key lifetime, not by the number of keys.
/// </summary>
public sealed class HistoryStatistics(IDbContextFactory<PortalDbContext> contextFactory, PortalCatalog catalog, TimeProvider time)
{
    /// <summary>The per-day chart covers at most the last this many days of the filter's issue range.</summary>
    public const int MaxDays = 31;

    public async Task<HistoryStatisticsResult> GetAsync(HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Microsoft.Data.Sqlite runs "async" queries synchronously; off the caller's thread a circuit keeps rendering.
        return await Task.Run(async () =>
        {
            await using var db = contextFactory.CreateDbContext();
            var keys = db.SessionKeys.AsNoTracking().WhereMatches(filter, now);
            var days = ChartDays(filter, now);
            var perDay = await IssuedPerDayAsync(keys, days, snapshot, cancellationToken);
            var shares = await SharesAsync(keys, now, cancellationToken);
            var median = await MedianTimeToRedemptionAsync(keys, cancellationToken);
            return new HistoryStatisticsResult(days, perDay, shares, median, now);
        }, cancellationToken);
    }

    /// <summary>The UTC days the per-day chart shows: the last <see cref="MaxDays"/> of the filter's range, up to today.</summary>
    public static IReadOnlyList<DateOnly> ChartDays(HistoryFilter filter, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var last = filter.IssuedTo is { } to && DateOnly.FromDateTime(to) < today ? DateOnly.FromDateTime(to) : today;
        var first = last.AddDays(1 - MaxDays);
        if (filter.IssuedFrom is { } from && DateOnly.FromDateTime(from) > first) first = DateOnly.FromDateTime(from);
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1)) days.Add(day);
        return days;
    }

    /// <summary>One grouped count per day: each query reads one day's slice of the issue-time index.</summary>
    internal static async Task<IReadOnlyList<SiteDailyCounts>> IssuedPerDayAsync(
        IQueryable<Data.Entities.SessionKey> keys, IReadOnlyList<DateOnly> days, CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<int, int[]>();
        for (var i = 0; i < days.Count; i++)
        {
            var start = new DateTimeOffset(days[i].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = start.AddDays(1);
            var perSite = await PerSiteOn(keys, start, end).ToListAsync(cancellationToken);
            foreach (var site in perSite)
            {
                if (!counts.TryGetValue(site.SiteId, out var series)) counts[site.SiteId] = series = new int[days.Count];
                series[i] = site.Count;
            }
        }
        return counts.OrderBy(c => c.Key)
            .Select(c => new SiteDailyCounts(c.Key, KeyDetailQuery.SiteName(snapshot, c.Key), c.Value))
            .ToList();
    }

    /// <summary>Keys issued per site between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static IQueryable<SiteCount> PerSiteOn(IQueryable<Data.Entities.SessionKey> keys, DateTimeOffset start, DateTimeOffset end) =>
        keys.Where(k => k.IssuedAt >= start && k.IssuedAt < end)
            .GroupBy(k => k.SiteId)
            .Select(g => new SiteCount(g.Key, g.Count()));

    /// <summary>
    /// The total and one count per ended state. Each count reads its state's partial index (or the filter's index),
    /// which at a million keys is far cheaper than one pass of conditional counts over every row.
    /// </summary>
    private static async Task<StateShares> SharesAsync(IQueryable<Data.Entities.SessionKey> keys, DateTimeOffset now, CancellationToken cancellationToken) => new(
        await keys.CountAsync(cancellationToken),
        await keys.Where(HistoryQueryable.InState(KeyState.Redeemed, now)).CountAsync(cancellationToken),
        await keys.Where(HistoryQueryable.InState(KeyState.Expired, now)).CountAsync(cancellationToken),
        await keys.Where(HistoryQueryable.InState(KeyState.Revoked, now)).CountAsync(cancellationToken));

    /// <summary>The issue and redemption times of redeemed keys, for the median.</summary>
    public static IQueryable<RedemptionTimes> RedemptionTimesOf(IQueryable<Data.Entities.SessionKey> keys) =>
        keys.Where(k => k.RevokedAt == null && k.RedeemedAt != null)
            .Select(k => new RedemptionTimes(k.IssuedAt, k.RedeemedAt!.Value));

    private static async Task<TimeSpan?> MedianTimeToRedemptionAsync(IQueryable<Data.Entities.SessionKey> keys, CancellationToken cancellationToken)
    {
        var histogram = new SecondsHistogram();
        await foreach (var times in RedemptionTimesOf(keys).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            histogram.Add((long)(times.RedeemedAt - times.IssuedAt).TotalSeconds);
        }
        return histogram.Median();
    }

    public sealed record SiteCount(int SiteId, int Count);

    public sealed record RedemptionTimes(DateTimeOffset IssuedAt, DateTimeOffset RedeemedAt);
}

/// <summary>Counts of whole seconds; its size grows with the number of distinct durations, not of samples.</summary>
internal sealed class SecondsHistogram
{
    private readonly Dictionary<long, long> _counts = [];
    private long _total;

    public void Add(long seconds)
    {
        seconds = Math.Max(0, seconds);
        _counts[seconds] = _counts.GetValueOrDefault(seconds) + 1;
        _total++;
    }

    /// <summary>The median in whole seconds (the mean of the two middle values for an even count), or null when empty.</summary>
    public TimeSpan? Median()
    {
        if (_total == 0) return null;
        var lowerRank = (_total - 1) / 2;
        var upperRank = _total / 2;
        long? lower = null;
        long seen = 0;
        foreach (var (seconds, count) in _counts.OrderBy(c => c.Key))
        {
            var last = seen + count - 1;
            if (lower is null && lowerRank <= last) lower = seconds;
            if (upperRank <= last) return TimeSpan.FromSeconds((lower!.Value + seconds) / 2.0);
            seen += count;
        }
        return null;
    }
}
