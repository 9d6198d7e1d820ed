using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.Throttling;

namespace BlazorKeyPortal.Features.Instances;

public static class InstancesServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Redis:Configuration</c> set, instances share change notifications, presence and failure budgets through
    /// Redis, and <c>/health/ready</c> reports Degraded while it is unreachable. Without it, one instance: a bus that
    /// tells no one, and no Redis service is registered at all.
    /// </summary>
    public static IHostApplicationBuilder AddInstances(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations()
            // A lifetime at or below the heartbeat would drop live representatives between two heartbeats.
            .Validate(o => o.PresenceLifetime > o.PresenceHeartbeat, "Redis:PresenceLifetime must be longer than Redis:PresenceHeartbeat.")
            .ValidateOnStart();
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>();
        if (redis?.IsConfigured != true)
        {
            services.AddSingleton<IInstanceBus, SingleInstanceBus>();
            return builder;
        }
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IInstanceBus, RedisInstanceBus>();
        services.AddSingleton<IBudgetStore, RedisBudgetStore>();
        services.AddSingleton<RemotePresence>();
        // The listener connects first; presence then starts its heartbeat on the open connection.
        services.AddHostedService<InstanceChangeListener>();
        services.AddHostedService(provider => provider.GetRequiredService<RemotePresence>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
