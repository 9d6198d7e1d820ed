using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing.Matching;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>Marks an endpoint as a page of the public sites: served only on their hostnames.</summary>
public sealed class PublicSitePageMetadata
{
    public static readonly PublicSitePageMetadata Instance = new();
    private PublicSitePageMetadata() { }
}

/// <summary>
/// Chooses between the public sites and the portal by Host header, in routing itself: on a public site's hostname
/// the portal's Razor component pages do not exist (so <c>/</c> is the site's front page and <c>/queue</c> is not
/// found), and on any other hostname the public pages do not exist. Machine endpoints (<c>/api</c>, <c>/oauth2</c>,
/// <c>/health</c>, static assets) answer on every hostname, as an appliance's do.
/// Hostnames live in the database, so ASP.NET Core's static <c>RequireHost</c> cannot express this.
/// </summary>
internal sealed class PublicSiteMatcherPolicy(PublicSiteResolver resolver) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => IsPublicPage(e) || IsPortalPage(e));

    public async Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onPublicSite = (await resolver.ResolveAsync(httpContext)).Site is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            var endpoint = candidates[i].Endpoint;
            if (onPublicSite ? IsPortalPage(endpoint) : IsPublicPage(endpoint)) candidates.SetValidity(i, false);
        }
    }

    private static bool IsPublicPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<PublicSitePageMetadata>() is not null;

    private static bool IsPortalPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
}
