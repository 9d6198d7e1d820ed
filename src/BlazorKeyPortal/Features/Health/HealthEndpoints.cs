using BlazorKeyPortal.Features.PublicSites;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BlazorKeyPortal.Features.Health;

public static class HealthEndpoints
{
    /// <summary>Checks with this tag make up <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>/health/live</c>: the process answers (no checks, for load balancers and benchmarks).
    /// <c>/health/ready</c>: the database answers and the writer can commit (and, in appliance mode, the appliance answers).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableHttpMetrics().AnswersOnPublicSites();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AnswersOnPublicSites();
        return endpoints;
    }
}
