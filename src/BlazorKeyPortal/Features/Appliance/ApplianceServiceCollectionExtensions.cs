using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

public static class ApplianceServiceCollectionExtensions
{
    /// <summary>How many times a GET to the appliance is tried again after a transient failure.</summary>
    private const int ReadRetries = 2;

    /// <summary>
    /// The one choice of <c>KeyAuthority:Mode</c>, read from configuration as the host is built: who issues keys, where
    /// public sites and queue routing come from, and who counts as logged in. Embedded: the portal's own database and
    /// circuits. Appliance: a BeyondTrust appliance (its client and caches come from <see cref="AddAppliance"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSessionKeyAuthority(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyAuthorityOptions>().BindConfiguration(KeyAuthorityOptions.SectionName).ValidateOnStart();
        if (IsApplianceMode(builder.Configuration))
        {
            services.AddSingleton<ISessionKeyAuthority, ApplianceSessionKeyAuthority>();
            services.AddSingleton<ISitesAndRoutingSource, ApplianceSitesAndRoutingSource>();
            services.AddSingleton<IRepresentativeLogins, ApplianceRepresentativeLogins>();
        }
        else
        {
            services.AddSingleton<ISessionKeyAuthority, EmbeddedSessionKeyAuthority>();
            services.AddSingleton<ISitesAndRoutingSource, DatabaseSitesAndRoutingSource>();
            services.AddSingleton<IRepresentativeLogins, PortalRepresentativeLogins>();
        }
        return builder;
    }

    /// <summary>
    /// The appliance's settings, client, cached routing, site mirror and health check; they act only in appliance mode.
    /// Call after <c>AddDemoData</c>: the site mirror starts after the Development seed.
    /// </summary>
    public static IHostApplicationBuilder AddAppliance(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
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


        services.AddHealthChecks().AddCheck<ApplianceHealthCheck>("appliance", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Reads, retries included: every attempt may take the time-out, with short pauses between.</summary>
    private static TimeSpan TotalTimeout(ApplianceOptions settings) =>
        TimeSpan.FromSeconds(settings.TimeoutSeconds * (ReadRetries + 1) + ReadRetries * 2);

    // As the options binder reads it (case-insensitive, names or numbers); a value it cannot read stays embedded here
    // and stops the host at start with the binder's message.
    private static bool IsApplianceMode(IConfiguration configuration) =>
        Enum.TryParse<KeyAuthorityMode>(configuration[$"{KeyAuthorityOptions.SectionName}:{nameof(KeyAuthorityOptions.Mode)}"], ignoreCase: true, out var mode)
        && mode == KeyAuthorityMode.Appliance;
}
