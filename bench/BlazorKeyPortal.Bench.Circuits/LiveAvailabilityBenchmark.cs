using System.Diagnostics;
using System.Globalization;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// Benchmark 3: the time from a rep's Available / Away switch to the updated availability on open agent pages.
/// The rep (agent2, representative 2) has one portal tab and flips the app bar's switch the way the browser does (a
/// <c>change</c> event on the switch's input). The measured pages are Generate pages of another user (agent) opened on
/// the rep's own queue (<c>/keys/new?queue_id=rep:2</c>, as a ticket links it), so their availability line changes on
/// every switch: "Available: someone can take this session now." ↔ "Not available: nobody in this queue …". A sample
/// is the time from just before the event is sent to the arrival of the render batch that holds the new line, for
/// every page and every switch.
/// </summary>
internal sealed class LiveAvailabilityBenchmark(Uri baseAddress, int pages, int changes, int warmUpChanges)
{
    public const string AvailableText = "Available: someone can take this session now.";
    public const string AwayText = "Not available: nobody in this queue is logged in and available.";
    private const string MeasuredPage = "/keys/new?queue_id=rep:2";

    public sealed record Result(int Pages, int Changes, double[] SamplesMs, double[] LastPageMs);

    public async Task<Result> RunAsync()
    {
        using var repBrowser = await PortalBrowser.SignInAsync(baseAddress, SeedUsers.Rep, SeedUsers.Password);
        var repSwitch = new AvailabilitySwitchTracker();
        await using var rep = await HeadlessCircuit.OpenAsync(repBrowser, "/keys/new", "Generate session key", repSwitch.Observe);
        // The app bar's switch may render after the page's heading (it waits for the catalog): wait for it, as a person would.
        await repSwitch.WaitForSwitchAsync(TimeSpan.FromSeconds(15));
        // A reused server may remember agent2 as Away; start from Available like a fresh seed.
        await rep.DispatchEventAsync(repSwitch.HandlerId, "change", new { value = true });

        using var agentBrowser = await PortalBrowser.SignInAsync(baseAddress, SeedUsers.Agent, SeedUsers.Password);
        Console.Error.WriteLine($"Opening {pages} agent pages on {MeasuredPage}…");
        await using var pool = await CircuitPool.OpenAsync(agentBrowser, MeasuredPage, AvailableText, pages);

        var samples = new List<double>(pages * changes);
        var lastPage = new List<double>(changes);
        var available = true;
        for (var change = 0; change < warmUpChanges + changes; change++)
        {
            available = !available;
            var expected = available ? AvailableText : AwayText;
            var seen = pool.Circuits.Select(c => c.WatchFor(expected)).ToArray();
            var started = Stopwatch.GetTimestamp();
            await rep.DispatchEventAsync(repSwitch.HandlerId, "change", new { value = available });
            long[] received;
            try
            {
                received = await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Switch {change + 1}: only {seen.Count(s => s.IsCompletedSuccessfully)} of {pages} pages showed \"{expected}\" within 30 s.");
            }
            if (change >= warmUpChanges)
            {
                var ms = received.Select(r => Stopwatch.GetElapsedTime(started, r).TotalMilliseconds).ToArray();
                samples.AddRange(ms);
                lastPage.Add(ms.Max());
            }
            // Each switch is measured on its own: let the previous one's renders and acknowledgements finish.
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }
        var failed = pool.Circuits.Where(c => c.Error is not null).Select(c => c.Error).Concat([rep.Error]).OfType<string>().ToList();
        if (failed.Count > 0) throw new InvalidOperationException($"{failed.Count} circuits failed: {failed[0]}");
        return new Result(pages, changes, [.. samples], [.. lastPage]);
    }

    public static void Print(Result result)
    {
        var s = result.SamplesMs;
        var last = result.LastPageMs;
        Console.WriteLine();
        Console.WriteLine($"### Live availability: {result.Changes} switches × {result.Pages} pages = {s.Length} samples");
        Console.WriteLine();
        Console.WriteLine("| measured | samples | p50 ms | p95 ms | p99 ms | max ms | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| switch → one page updated | {s.Length} | {Percentile(s, 50):N1} | {Percentile(s, 95):N1} | {Percentile(s, 99):N1} | {s.Max():N1} | p95 ≤ 300 ms: {(Percentile(s, 95) <= 300 ? "met" : "missed")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| switch → all {result.Pages} pages updated | {last.Length} | {Percentile(last, 50):N1} | {Percentile(last, 95):N1} | {Percentile(last, 99):N1} | {last.Max():N1} | |"));
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Finds the app bar switch's <c>onchange</c> handler in the rep's render batches (the input with class
    /// <c>mud-switch-input</c>: the only switch on the Generate page) and follows it if a re-render replaces it.
    /// </summary>
    private sealed class AvailabilitySwitchTracker
    {
        private int _componentId;
        private ulong _handlerId;

        public ulong HandlerId => Volatile.Read(ref _handlerId) is var id and not 0 ? id : throw new InvalidOperationException("The rep's page shows no Available / Away switch.");

        public async Task WaitForSwitchAsync(TimeSpan timeout)
        {
            var started = Stopwatch.GetTimestamp();
            while (Volatile.Read(ref _handlerId) == 0 && Stopwatch.GetElapsedTime(started) < timeout) await Task.Delay(20);
            _ = HandlerId; // throws if it never came
        }

        public void Observe(byte[] batch)
        {
            var reader = new RenderBatchReader(batch);
            var inserted = reader.InsertedInputHandlers("mud-switch-input", "onchange").ToList();
            if (inserted.Count > 1) throw new InvalidOperationException("More than one switch on the rep's page.");
            if (inserted.Count == 1) (_componentId, _handlerId) = inserted[0];
            else if (_componentId != 0 && reader.ReassignedHandlers(_componentId, "onchange").LastOrDefault() is var reassigned and not 0) _handlerId = reassigned;
            else if (_handlerId != 0 && reader.DisposedEventHandlerIds().Contains(_handlerId)) _handlerId = 0;
        }
    }
}
