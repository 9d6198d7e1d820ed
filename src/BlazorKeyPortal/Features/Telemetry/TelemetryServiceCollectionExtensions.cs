using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using BlazorKeyPortal.Data.Writing;

namespace BlazorKeyPortal.Features.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard setting (environment variable or configuration key) that turns the OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The portal's counters always; OpenTelemetry traces, metrics and logs exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; metrics for a Prometheus scrape when <c>Metrics:Prometheus</c> is true.
    /// With neither, no OpenTelemetry provider is registered: no activity is created and no instrument is listened to.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PortalMetrics>();
        builder.Services.AddScoped<CircuitHandler, CircuitMetricsHandler>();

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        var metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!otlp && !metrics.Prometheus) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PortalTelemetry.Name, serviceVersion: PortalTelemetry.Version))
            .WithMetrics(meters =>
            {
                meters.AddMeter(PortalTelemetry.Name, DatabaseWriter.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (metrics.Prometheus) meters.AddPrometheusExporter();
            });
        if (otlp)
        {
            // Spans and log records cost something per request; they are collected only when they are sent somewhere.
            telemetry
                .WithTracing(tracing => tracing.AddSource(PortalTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation())
                .WithLogging()
                // Reads the endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
                .UseOtlpExporter();
        }
        if (metrics.Prometheus && metrics.Port is { } port and >= 1 and <= 65535)
        {
            ListenForMetrics(builder, port);
            builder.Services.AddSingleton<IStartupFilter>(new MetricsPortOnlyServesMetrics(port));
        }
        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> when <c>Metrics:Prometheus</c> is on; with <c>Metrics:Port</c>, only for requests addressed
    /// to that port (<see cref="MetricsPortOnlyServesMetrics"/> keeps the rest of the portal off that port).
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (!options.Prometheus) return app;
        var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (options.Port is { } port) scrape.RequireHost($"*:{port}");
        return app;
    }

    internal const string MetricsPath = "/metrics";

    /// <summary>
    /// Adds the metrics port to whatever the portal listens on. An endpoint added in code would make Kestrel drop the
    /// <c>urls</c> setting (ASPNETCORE_URLS, --urls), so the port joins the same kind of setting the operator used:
    /// the <c>Kestrel:Endpoints</c> section when it has endpoints, else the <c>urls</c> list (Kestrel's default when empty).
    /// </summary>
    private static void ListenForMetrics(IHostApplicationBuilder builder, int port)
    {
        var url = $"http://*:{port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.Configuration.AddInMemoryCollection([new("Kestrel:Endpoints:Metrics:Url", url)]);
            return;
        }
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        builder.Configuration.AddInMemoryCollection([new(WebHostDefaults.ServerUrlsKey, $"{(string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls)};{url}")]);
    }
}
