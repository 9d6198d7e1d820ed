using BlazorKeyPortal.Data;

namespace BlazorKeyPortal.Features.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>The checks behind <c>/health/ready</c>: the database answers and the writer can commit.</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DatabaseWriterHealthCheck>("database-writer", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
