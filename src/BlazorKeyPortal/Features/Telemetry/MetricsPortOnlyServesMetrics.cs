namespace BlazorKeyPortal.Features.Telemetry;

/// <summary>
/// A connection to <c>Metrics:Port</c> gets <c>/metrics</c> and nothing else of the portal (404), before any other
/// middleware runs (no sign-in redirect, no page): the port opened for the scraper is no way around the reverse proxy.
/// </summary>
internal sealed class MetricsPortOnlyServesMetrics(int port) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Connection.LocalPort != port
                || context.Request.Path.Equals(TelemetryServiceCollectionExtensions.MetricsPath, StringComparison.OrdinalIgnoreCase))
            {
                return nextMiddleware(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        next(app);
    };
}
