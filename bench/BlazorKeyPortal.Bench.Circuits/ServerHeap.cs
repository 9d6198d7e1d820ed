using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// The managed heap of another .NET process after a full, blocking, compacting garbage collection, read from outside
/// through the runtime's diagnostics port (what <c>dotnet-gcdump</c> does): an EventPipe session with the
/// <c>GCHeapCollect</c> keyword makes the runtime induce a blocking gen-2 collection, and that collection's
/// <c>GCHeapStats</c> event gives what survived it in each generation, i.e. what is reachable. The generation sizes
/// would also count free space left between survivors when the collection swept instead of compacting, so the live
/// size is the sum of the promoted (surviving) bytes.
/// </summary>
internal static class ServerHeap
{
    /// <summary>What survived an induced full collection (bytes), and the heap's size with its free space.</summary>
    public sealed record Snapshot(long LiveBytes, long Gen2LiveBytes, long LargeObjectLiveBytes, long PinnedObjectBytes, long HeapSizeBytes, long GcHandles);

    public static async Task<Snapshot> CollectAsync(int processId, TimeSpan? timeout = null)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
            (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect));
        using var session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 64, CancellationToken.None);
        using var source = new EventPipeEventSource(session.EventStream);
        var result = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inducedGc = -1;
        source.Clr.GCStart += e =>
        {
            if (e.Reason == GCReason.Induced && e.Depth == 2 && inducedGc < 0) inducedGc = e.Count;
        };
        source.Clr.GCHeapStats += e =>
        {
            if (inducedGc < 0) return;
            // The pinned object heap is never compacted and reports no promoted bytes: its size stands in (it is small).
            var live = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.GenerationSize4;
            result.TrySetResult(new Snapshot(live, e.TotalPromotedSize2, e.TotalPromotedSize3, e.GenerationSize4, e.TotalHeapSize, e.GCHandleCount));
        };
        var processing = Task.Run(source.Process);
        try
        {
            return await result.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing;
        }
    }
}
