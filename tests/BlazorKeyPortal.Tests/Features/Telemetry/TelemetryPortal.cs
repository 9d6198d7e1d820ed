using System.Diagnostics;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BlazorKeyPortal.Tests.Features.Telemetry;

/// <summary>
/// The portal with its OpenTelemetry export on, as an operator turns it on (OTEL_EXPORTER_OTLP_ENDPOINT), pointed at a
/// loopback port where nothing listens; the SDK's in-memory exporters, added through the service collection, receive what
/// it records. Listeners are process-wide: spans and counts of other portals in the same test run arrive too, so tests
/// look for their own trace and count at least.
/// </summary>
public sealed class TelemetryPortal : PortalFactory
{
    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(Metrics));
        });
    }

    /// <summary>Collects the metrics now rather than at the next export interval.</summary>
    public void FlushMetrics() => Get<MeterProvider>().ForceFlush();
}

/// <summary>A collection the exporters add to from the threads that end spans, while the test reads it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count { get { lock (_items) return _items.Count; } }
    public bool IsReadOnly => false;
    public void Add(T item) { lock (_items) _items.Add(item); }
    public void Clear() { lock (_items) _items.Clear(); }
    public bool Contains(T item) { lock (_items) return _items.Contains(item); }
    public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
    public bool Remove(T item) { lock (_items) return _items.Remove(item); }
    public T[] Snapshot() { lock (_items) return [.. _items]; }
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
