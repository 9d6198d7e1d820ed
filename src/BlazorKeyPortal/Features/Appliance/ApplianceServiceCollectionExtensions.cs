using BlazorKeyPortal.Features.Availability;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

public static class ApplianceServiceCollectionExtensions
{
    /// <summary>How many times a GET to the appliance is tried again after a transient failure.</summary>
    private const int ReadRetries = 2;

    /// <summary>
    /// <c>KeyAuthority:Mode</c> and, in appliance mode, the appliance's client, cached routing, site mirror,
    /// authority and health check. The mode is read when services are first resolved (as every option here),
    /// and chooses between the embedded and the appliance implementations of the key authority, of sites and
    /// routing, and of who is logged in. Call after <c>AddSessionKeys</c> and after <c>AddDemoData</c>: the
    /// site mirror starts after the Development seed.
    /// </summary>
    public static IHostApplicationBuilder AddAppliance(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyAuthorityOptions>().BindConfiguration(KeyAuthorityOptions.SectionName).ValidateOnStart();
        services.AddOptions<ApplianceOptions>().BindConfiguration(ApplianceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApplianceOptions>, ApplianceOptionsValidator>();

        services.AddHttpClient(ApplianceClient.HttpClientName, (sp, http) =>
            {
                var settings = sp.GetRequiredService<IOptions<ApplianceOptions>>().Value;
                if (settings.GetBaseUri() is { } baseUri) http.BaseAddress = baseUri;
                // The resilience pipeline times each request; this only bounds a body that trickles in after the
                // headers, which the pipeline no longer watches.
                http.Timeout = TotalTimeout(settings) + TimeSpan.FromSeconds(settings.TimeoutSeconds);
                http.MaxResponseContentBufferSize = 16 * 1024 * 1024;
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var settings = sp.GetRequiredService<IOptions<ApplianceOptions>>().Value;
                var attempt = TimeSpan.FromSeconds(settings.TimeoutSeconds);
                resilience.AttemptTimeout.Timeout = attempt;
                resilience.TotalRequestTimeout.Timeout = TotalTimeout(settings);
                resilience.Retry.MaxRetryAttempts = ReadRetries;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
                // generate_session_key is a POST: a retry after a time-out could issue a second key. Token requests
                // are POSTs too; they fail fast and the next call fetches again.
                resilience.Retry.DisableForUnsafeHttpMethods();
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, 2 * attempt.Ticks));
            });

        services.AddSingleton<ApplianceTokens>();
        services.AddSingleton<ApplianceClient>();
        services.AddSingleton<ApplianceDirectory>();
        services.AddSingleton<ApplianceDirectoryRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplianceDirectoryRefresher>());
        services.AddHostedService<ApplianceSiteMirror>();

        services.TryAddSingleton<EmbeddedSessionKeyAuthority>();
        services.TryAddSingleton<DatabaseSitesAndRoutingSource>();
        services.TryAddSingleton<PortalRepresentativeLogins>();
        services.AddSingleton<ApplianceSessionKeyAuthority>();
        services.AddSingleton<ApplianceSitesAndRoutingSource>();
        services.AddSingleton<ApplianceRepresentativeLogins>();
        services.Replace(ServiceDescriptor.Singleton<ISessionKeyAuthority>(sp =>
            ByMode<ISessionKeyAuthority, EmbeddedSessionKeyAuthority, ApplianceSessionKeyAuthority>(sp)));
        services.Replace(ServiceDescriptor.Singleton<ISitesAndRoutingSource>(sp =>
            ByMode<ISitesAndRoutingSource, DatabaseSitesAndRoutingSource, ApplianceSitesAndRoutingSource>(sp)));
        services.Replace(ServiceDescriptor.Singleton<IRepresentativeLogins>(sp =>
            ByMode<IRepresentativeLogins, PortalRepresentativeLogins, ApplianceRepresentativeLogins>(sp)));

        services.AddHealthChecks().AddCheck<ApplianceHealthCheck>("appliance", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Reads, retries included: every attempt may take the time-out, with short pauses between.</summary>
    private static TimeSpan TotalTimeout(ApplianceOptions settings) =>
        TimeSpan.FromSeconds(settings.TimeoutSeconds * (ReadRetries + 1) + ReadRetries * 2);

    private static TService ByMode<TService, TEmbedded, TAppliance>(IServiceProvider services)
        where TService : class
        where TEmbedded : TService
        where TAppliance : TService =>
        services.GetRequiredService<IOptions<KeyAuthorityOptions>>().Value.IsAppliance
            ? services.GetRequiredService<TAppliance>()
            : services.GetRequiredService<TEmbedded>();
}
