using BlazorKeyPortal.Features.SessionKeys;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorKeyPortal.Bench.History;

/// <summary>
/// Server time of the history's queries, through the portal's own services: each filter shape's page (25 rows, as
/// the grid asks) and count, repeated; key details; the charts; the audit verification. Prints markdown tables.
/// </summary>
internal sealed class HistoryMeasurements(IHost host, string databasePath, int runs)
{
    private static readonly DateTime Today = BenchHost.Now.UtcDateTime.Date;

    /// <summary>Filter shapes a supervisor uses, from broad to narrow, with the sort and page they ask for.</summary>
    public static readonly (string Name, HistoryFilter Filter, HistorySort Sort, int Page)[] Shapes =
    [
        ("everything, newest first", new(), HistorySort.Default, 0),
        ("everything, page 40 (offset 975)", new(), HistorySort.Default, 39),
        ("site 5 (5% of keys), last 30 days", new() { SiteId = 5, IssuedFrom = Today.AddDays(-29) }, HistorySort.Default, 0),
        ("site 2, redeemed, last 7 days", new() { SiteId = 2, State = KeyState.Redeemed, IssuedFrom = Today.AddDays(-6) }, HistorySort.Default, 0),
        ("state revoked (3%)", new() { State = KeyState.Revoked }, HistorySort.Default, 0),
        ("state active", new() { State = KeyState.Active }, HistorySort.Default, 0),
        ("team 3, expired unused", new() { TeamId = 3, State = KeyState.Expired }, HistorySort.Default, 0),
        ("issuer user:agent07, oldest first", new() { Issuer = "user:agent07" }, HistorySort.Default with { Descending = false }, 0),
        ("issuer api:marval, one day", new() { Issuer = "api:marval", IssuedFrom = Today.AddDays(-10), IssuedTo = Today.AddDays(-10) }, HistorySort.Default, 0),
        ("queue rep:12", new() { Queue = "rep:12" }, HistorySort.Default, 0),
        ("queue general, site 1, one month", new() { Queue = "general", SiteId = 1, IssuedFrom = Today.AddDays(-90), IssuedTo = Today.AddDays(-60) }, HistorySort.Default, 0),
        ("external key starts with INC150012", new() { ExternalKey = "INC150012" }, HistorySort.Default, 0),
        ("external key starts with REQ2", new() { ExternalKey = "REQ2" }, HistorySort.Default, 0),
        ("external key starts with INC", new() { ExternalKey = "INC" }, HistorySort.Default, 0),
        ("short key 4242424", new() { ShortKey = "4242424" }, HistorySort.Default, 0),
        ("sorted by expiry, latest first", new(), new HistorySort(HistorySortField.ExpiresAt, true), 0),
        ("sorted by short key", new(), new HistorySort(HistorySortField.ShortKey, false), 0),
        ("sorted by external key, descending", new(), new HistorySort(HistorySortField.ExternalKey, true), 0),
        ("sorted by issuer", new(), new HistorySort(HistorySortField.IssuedBy, false), 0),
        ("site 3, sorted by short key", new() { SiteId = 3 }, new HistorySort(HistorySortField.ShortKey, false), 0),
        ("last 30 days, sorted by issuer", new() { IssuedFrom = Today.AddDays(-29) }, new HistorySort(HistorySortField.IssuedBy, false), 0),
        ("team 2, sorted by expiry", new() { TeamId = 2 }, new HistorySort(HistorySortField.ExpiresAt, true), 0),
        ("site 1 (50%), expired unused", new() { SiteId = 1, State = KeyState.Expired }, HistorySort.Default, 0),
        ("state redeemed (62%)", new() { State = KeyState.Redeemed }, HistorySort.Default, 0),
        // Combinations no single index holds: counted up to 10,001.
        ("site 1, team 1, expired unused", new() { SiteId = 1, TeamId = 1, State = KeyState.Expired }, HistorySort.Default, 0),
        ("issuer api:servicenow, site 2, redeemed, last 90 days", new() { Issuer = "api:servicenow", SiteId = 2, State = KeyState.Redeemed, IssuedFrom = Today.AddDays(-89) }, HistorySort.Default, 0),
        ("queue general, external key starts with INC1, revoked", new() { Queue = "general", ExternalKey = "INC1", State = KeyState.Revoked }, HistorySort.Default, 0),
        ("team 5, issuer user:agent03, active", new() { TeamId = 5, Issuer = "user:agent03", State = KeyState.Active }, HistorySort.Default, 0),
        ("site 5, issuer user:agent30, oldest first", new() { SiteId = 5, Issuer = "user:agent30" }, HistorySort.Default with { Descending = false }, 0),
        ("site 4, queue rep:3, sorted by external key", new() { SiteId = 4, Queue = "rep:3" }, new HistorySort(HistorySortField.ExternalKey, false), 0),
        ("external key starts with INC, revoked", new() { ExternalKey = "INC", State = KeyState.Revoked }, HistorySort.Default, 0),
    ];

    public async Task RunAsync()
    {
        var query = host.Services.GetRequiredService<HistoryQuery>();
        Console.WriteLine($"Database: {databasePath} ({new FileInfo(databasePath).Length / 1_048_576:N0} MB), {runs} runs per shape, now = {BenchHost.Now:u}");
        Console.WriteLine();
        Console.WriteLine("| Filter shape (25-row page) | matching keys (as the grid shows them) | count p95 | page p95 | page + count p50 | page + count p95 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var sums = new List<double>();
        foreach (var (name, filter, sort, page) in Shapes)
        {
            // As the grid loads a filter: its count (up to 10,001 where one index cannot answer it), then the page.
            for (var i = 0; i < 3; i++)
            {
                var warm = await query.CountUpToAsync(filter);
                await query.GetPageAsync(filter, sort, page, 25, warm.ForPage, seek: warm.Seek); // warm the page cache
            }
            var counts = new List<double>(runs);
            var pages = new List<double>(runs);
            var both = new List<double>(runs);
            var count = default(HistoryCount);
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                count = await query.CountUpToAsync(filter);
                var counted = Stopwatch.GetTimestamp();
                await query.GetPageAsync(filter, sort, page, 25, count.ForPage, seek: count.Seek);
                counts.Add(Stopwatch.GetElapsedTime(start, counted).TotalMilliseconds);
                pages.Add(Stopwatch.GetElapsedTime(counted).TotalMilliseconds);
                both.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            sums.AddRange(both);
            Console.WriteLine(Invariant($"| {name} | {count.Total} | {P(counts, 95):N1} ms | {P(pages, 95):N1} ms | {P(both, 50):N1} ms | {P(both, 95):N1} ms |"));
        }
        Console.WriteLine(Invariant($"| **all shapes** | | | | **{P(sums, 50):N1} ms** | **{P(sums, 95):N1} ms** |"));
        Console.WriteLine();

        await MeasureDetailsAsync();
        await MeasureChartsAsync();
        await MeasureVerificationAsync();
        await ExplainAsync();
    }

    private async Task MeasureDetailsAsync()
    {
        var details = host.Services.GetRequiredService<KeyDetailQuery>();
        var random = new Random(7);
        await using var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var maxId = await db.SessionKeys.MaxAsync(k => k.Id);
        for (var i = 0; i < 3; i++) await details.GetAsync(random.NextInt64(1, maxId + 1)); // compile the queries
        var times = await TimeAsync(runs, () => details.GetAsync(random.NextInt64(1, maxId + 1)));
        Console.WriteLine(Invariant($"Key detail (key, session, audit entries, timeline): p50 {P(times, 50):N1} ms, p95 {P(times, 95):N1} ms over {runs} random keys."));
    }

    private async Task MeasureChartsAsync()
    {
        var statistics = host.Services.GetRequiredService<HistoryStatistics>();
        foreach (var (name, filter) in new[] { ("everything", new HistoryFilter()), ("site 5, last 30 days", new HistoryFilter { SiteId = 5, IssuedFrom = Today.AddDays(-29) }) })
        {
            var times = await TimeAsync(3, () => statistics.GetAsync(filter));
            var result = await statistics.GetAsync(filter);
            Console.WriteLine(Invariant($"Charts, {name}: {P(times, 50):N0} ms (median of 3) for {result.Shares.Total:N0} keys, {result.Shares.Redeemed:N0} redeemed; median time to redemption {result.MedianTimeToRedemption}."));
        }
    }

    /// <summary>
    /// A full verification (with its progress reports), then 10,000 new entries appended through the writer and the
    /// incremental verification from the checkpoint the full one left. The appended entries stay in the database.
    /// </summary>
    private async Task MeasureVerificationAsync()
    {
        var verifier = host.Services.GetRequiredService<AuditTrailVerifier>();
        var reports = 0;
        var last = default(AuditVerificationProgress);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var full = await verifier.VerifyFullyAsync(new InlineProgress(p => { reports++; last = p; }));
        watch.Stop();
        Console.WriteLine(Invariant($"Full audit verification: \"{full.Summary}\" in {watch.Elapsed.TotalSeconds:N1} s ({full.EntriesVerified / watch.Elapsed.TotalSeconds:N0} entries/s, {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1_048_576:N0} MB allocated in total, streamed); {reports:N0} progress reports, the last {last.Checked:N0} of {last.Total:N0}; peak working set so far {Environment.WorkingSet / 1_048_576:N0} MB."));

        var writer = host.Services.GetRequiredService<DatabaseWriter>();
        foreach (var newEntries in new[] { 0, 10_000 })
        {
            await writer.WriteAsync(scope =>
            {
                for (var i = 0; i < newEntries; i++) scope.Audit(new AuditRecord("system", "bench.entry", "bench", i.ToString(CultureInfo.InvariantCulture)));
                return newEntries;
            });
            var times = new List<double>();
            AuditVerification? incremental = null;
            // The first run checks the new entries; the later ones find none after the checkpoint it recorded.
            var start = Stopwatch.GetTimestamp();
            incremental = await verifier.VerifyAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Console.WriteLine(Invariant($"Incremental audit verification, {newEntries:N0} new entries: \"{incremental.Summary}\" in {times[0]:N0} ms."));
        }
        Console.WriteLine();
    }

    private sealed class InlineProgress(Action<AuditVerificationProgress> report) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => report(value);
    }

    /// <summary>SQLite's plan for each shape's page query, so the README can say which index serves it.</summary>
    private async Task ExplainAsync()
    {
        Console.WriteLine("Query plans (EXPLAIN QUERY PLAN of each page's id query):");
        var explain = new ExplainingInterceptor();
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.GetFullPath(databasePath)}").AddInterceptors(explain).Options;
        var query = host.Services.GetRequiredService<HistoryQuery>();
        foreach (var (name, filter, sort, page) in Shapes)
        {
            // The page's first query (its ids), as HistoryQuery builds it.
            var counted = await query.CountUpToAsync(filter);
            var count = counted.ForPage;
            await using var db = new SqlitePortalDbContext(options);
            explain.Label = name + " (count)";
            await db.SessionKeys.WhereMatches(filter, BenchHost.Now, seekOnly: counted.Seek).Take(HistoryQuery.ExactCountUpTo + 1).CountAsync();
            explain.Label = name + " (page)";
            await db.SessionKeys.WhereMatches(filter, BenchHost.Now, count >= HistoryQuery.WalkOrderFrom ? sort : null, count, counted.Seek)
                .OrderBy(sort).Skip(page * 25).Take(25).Select(k => k.Id).ToListAsync();
        }
    }

    private static async Task<List<double>> TimeAsync<T>(int count, Func<Task<T>> action)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class ExplainingInterceptor : DbCommandInterceptor
    {
        public string Label { get; set; } = "";

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            var text = command.CommandText;
            command.CommandText = "EXPLAIN QUERY PLAN " + text;
            var plan = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) plan.Add(reader.GetString(3));
            }
            command.CommandText = text;
            Console.WriteLine($"- {Label}: {string.Join("; ", plan)}");
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }
}
