using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Features.PublicSites;

public static class PublicSitesServiceCollectionExtensions
{
    /// <summary>
    /// Host-based public sites: the resolver and the routing policy that serves each hostname its own pages, and the
    /// pages' texts in the customer's language (<see cref="PublicLanguages"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPublicSites(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => PortalHostnames.From(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<PublicSiteResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, PublicSiteMatcherPolicy>());
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<PublicText>();
        builder.Services.AddSingleton<LocalizedSiteTexts>();
        return builder;
    }
}
