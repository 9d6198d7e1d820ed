using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.Telemetry;

/// <summary>The Prometheus scrape endpoint. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve the metrics in Prometheus' text format at <c>/metrics</c>, to anyone who reaches it. Defaults to false.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// A port of its own for <c>/metrics</c>: the portal listens on it too (all interfaces, plain HTTP) and answers
    /// <c>/metrics</c> there only, so a reverse proxy that forwards the main port never exposes it. Defaults to none:
    /// <c>/metrics</c> answers on the portal's own endpoints.
    /// </summary>
    [Range(1, 65535, ErrorMessage = "Metrics:Port must be between 1 and 65535.")]
    public int? Port { get; set; }
}
