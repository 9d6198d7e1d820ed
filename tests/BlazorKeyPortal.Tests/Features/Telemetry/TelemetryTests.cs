using System.Diagnostics;
using BlazorKeyPortal.Features.Telemetry;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Telemetry;

public sealed class TelemetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_trace_of_a_generate_session_key_request_includes_the_writers_commit_of_the_key()
    {
        await using var portal = new TelemetryPortal();
        portal.Started();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey();

        var found = await EventuallyAsync(() =>
        {
            var spans = portal.Spans.Snapshot();
            var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            var commands = spans.Where(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), "/api/command")).ToList();
            var commits = spans.Where(s => s.Source.Name == PortalTelemetry.Name && s.DisplayName == "DatabaseWriter batch");
            return commands.FirstOrDefault(command => commits.Any(commit => DescendsFrom(commit, command, byId)));
        }, span => span is not null);

        found.ShouldNotBeNull("a server span for /api/command with the writer's batch span beneath it");
    }

    [Fact]
    public async Task An_issued_key_is_counted_once_it_is_committed()
    {
        await using var portal = new TelemetryPortal();
        portal.Started();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey();

        var issued = await EventuallyAsync(() =>
        {
            portal.FlushMetrics();
            var total = portal.Metrics.Snapshot().Where(m => m.Name == "blazorkeyportal.keys.issued")
                .SelectMany(m => m.MetricPoints).Sum(p => p.GetSumLong());
            return total;
        }, total => total >= 1);

        issued.ShouldBeGreaterThanOrEqualTo(1);
    }

    /// <summary>Whether <paramref name="span"/> has <paramref name="ancestor"/> among its parents (within the spans recorded).</summary>
    private static bool DescendsFrom(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> byId)
    {
        if (span.TraceId != ancestor.TraceId) return false;
        for (var parent = span.ParentSpanId; parent != default; parent = byId.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId) return true;
        }
        return false;
    }

    /// <summary>Probes until <paramref name="done"/> or the deadline; returns the last probe.</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<T> probe, Func<T, bool> done)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            var result = probe();
            if (done(result) || until.Elapsed > Deadline) return result;
            await Task.Delay(50);
        }
    }
}
