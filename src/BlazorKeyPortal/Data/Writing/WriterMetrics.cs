using System.Diagnostics.Metrics;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>The writer's instruments on the meter <see cref="DatabaseWriter.MeterName"/>.</summary>
internal sealed class WriterMetrics(Meter meter)
{
    public Histogram<int> BatchSize { get; } = meter.CreateHistogram<int>(
        "portal.writer.batch.size", "{item}", "Pieces of work committed together in one transaction.");

    public Histogram<double> BatchDuration { get; } = meter.CreateHistogram<double>(
        "portal.writer.batch.duration", "ms", "Time from the start of a batch to its commit, fsync included.");
}
