using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Redis down is Degraded, not Unhealthy: keys are still issued and redeemed (each instance on its own view), so the
/// load balancer must keep sending traffic; the status tells the operator that instances no longer share state.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("Redis answers.")
            : HealthCheckResult.Degraded("Redis is unreachable: each instance uses its own presence, failure budgets and caches."));
}
