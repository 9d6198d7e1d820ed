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
/// only the site's pages and the endpoints that answer everywhere exist (<see cref="PublicSiteBoundary"/>), so
/// <c>/</c> is the site's front page and <c>/queue</c>, <c>/account/login</c> or <c>/_blazor</c> are not found; on any
/// other hostname the public pages do not exist. Machine endpoints (<c>/api</c>, <c>/oauth2/token</c>, <c>/health</c>,
/// static assets) answer on every hostname, as an appliance's do.
/// Hostnames live in the database, so ASP.NET Core's static <c>RequireHost</c> cannot express this.
/// </summary>
internal sealed class PublicSiteMatcherPolicy(PublicSiteResolver resolver) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    // Endpoints that answer everywhere need no look at the Host: the command API's requests skip the resolver.
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => IsPublicPage(e) || !PublicSiteBoundary.ServesPublicSites(e));

    public async Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onPublicSite = (await resolver.ResolveAsync(httpContext)).Site is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            var endpoint = candidates[i].Endpoint;
            if (onPublicSite ? !PublicSiteBoundary.ServesPublicSites(endpoint) : IsPublicPage(endpoint)) candidates.SetValidity(i, false);
        }
    }

    private static bool IsPublicPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<PublicSitePageMetadata>() is not null;
}
