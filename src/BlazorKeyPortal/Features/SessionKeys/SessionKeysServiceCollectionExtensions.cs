using BlazorKeyPortal.Features.Availability;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.CommandApi;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Features.SessionKeys;

public static class SessionKeysServiceCollectionExtensions
{
    /// <summary>The catalog, presence and availability, the validator, the key service and its embedded authority.</summary>
    public static IHostApplicationBuilder AddSessionKeys(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PublicSitesOptions>().BindConfiguration(PublicSitesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISitesAndRoutingSource, DatabaseSitesAndRoutingSource>();
        services.AddSingleton<PortalCatalog>();
        services.AddSingleton<RepresentativePresence>();
        services.AddSingleton<IRepresentativeLogins, PortalRepresentativeLogins>();
        services.AddSingleton<QueueAvailability>();
        services.AddSingleton<IValidator<SessionKeyRequest>, SessionKeyRequestValidator>();
        services.AddSingleton<KeyUrlBuilder>();
        services.AddSingleton<ISessionKeyAuthority, EmbeddedSessionKeyAuthority>();
        services.AddSingleton<SessionKeyService>();
        services.AddSingleton<SupportSessionCounts>();
        services.AddSingleton<CommandHandler>();
        return builder;
    }
}
