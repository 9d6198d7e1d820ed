using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Features.SessionKeys;

public static class SessionKeysServiceCollectionExtensions
{
    /// <summary>
    /// The catalog, presence and availability, the validator and the key service. Which authority issues keys (and
    /// supplies sites, routing and who is logged in) is <c>AddSessionKeyAuthority</c>'s choice.
    /// </summary>
    public static IHostApplicationBuilder AddSessionKeys(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PublicSitesOptions>().BindConfiguration(PublicSitesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PortalCatalog>();
        services.AddSingleton<RepresentativePresence>();
        services.AddSingleton<QueueAvailability>();
        services.AddSingleton<IValidator<SessionKeyRequest>, SessionKeyRequestValidator>();
        services.AddSingleton<KeyUrlBuilder>();
        services.AddSingleton<SessionKeyService>();
        return builder;
    }
}
