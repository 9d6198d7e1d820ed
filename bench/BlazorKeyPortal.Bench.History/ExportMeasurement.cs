using System.Diagnostics;
using System.Globalization;
using BlazorKeyPortal.Features.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorKeyPortal.Bench.History;

/// <summary>
/// Times the CSV export of about N rows (the most recent days that hold at least N keys) or of everything, and samples
/// the process's memory while it runs. Run once per process, so that peaks belong to one export.
/// </summary>
internal sealed class ExportMeasurement(IHost host)
{
    public async Task RunAsync(int? rows)
    {
        var filter = rows is { } wanted ? await RecentDaysHoldingAsync(wanted) : new HistoryFilter();
        var export = host.Services.GetRequiredService<HistoryCsvExport>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baselineWorkingSet = Environment.WorkingSet;
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var sampler = new MemorySampler();
        var output = new CountingStream();
        var watch = Stopwatch.StartNew();
        var written = await export.WriteAsync(filter, HistorySort.Default, output);
        watch.Stop();
        sampler.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {written:N0} | {output.Length / 1_048_576.0:N0} MB | {watch.Elapsed.TotalSeconds:N1} s | {written / watch.Elapsed.TotalSeconds:N0} | " +
            $"{baselineWorkingSet / 1_048_576:N0} MB | {sampler.PeakWorkingSet / 1_048_576:N0} MB | {baselineHeap / 1_048_576:N0} MB | {sampler.PeakHeap / 1_048_576:N0} MB | " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1_048_576:N0} MB |"));
    }

    /// <summary>From today backwards, the first day range that holds at least <paramref name="rows"/> keys.</summary>
    private async Task<HistoryFilter> RecentDaysHoldingAsync(int rows)
    {
        var query = host.Services.GetRequiredService<HistoryQuery>();
        var today = BenchHost.Now.UtcDateTime.Date;
        for (var days = 1; days <= 366; days++)
        {
            var filter = new HistoryFilter { IssuedFrom = today.AddDays(1 - days) };
            if (await query.CountAsync(filter) >= rows) return filter;
        }
        return new HistoryFilter();
    }

    /// <summary>A response body stand-in: counts what is written and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Samples the working set and the managed heap every few milliseconds on a thread of its own.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stopped;

        public MemorySampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stopped)
                {
                    PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
                    PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
                    Thread.Sleep(5);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public long PeakWorkingSet { get; private set; }
        public long PeakHeap { get; private set; }

        public void Stop()
        {
            _stopped = true;
            _thread.Join();
        }

        public void Dispose() => Stop();
    }
}
