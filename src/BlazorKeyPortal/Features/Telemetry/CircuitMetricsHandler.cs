using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorKeyPortal.Features.Telemetry;

/// <summary>Counts open circuits: from opening to closing, whether or not the connection is up meanwhile.</summary>
internal sealed class CircuitMetricsHandler(PortalMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
