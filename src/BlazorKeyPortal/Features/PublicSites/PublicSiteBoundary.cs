namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// Marks an endpoint that answers on public sites' hostnames as well as on the portal's: the machine endpoints
/// (appliance integrations call an appliance's public hostname), health checks and static files. Every other endpoint
/// of the portal is refused there (see <see cref="PublicSiteBoundary"/>).
/// </summary>
public sealed class AnswersOnPublicSitesMetadata
{
    public static readonly AnswersOnPublicSitesMetadata Instance = new();
    private AnswersOnPublicSitesMetadata() { }
}

/// <summary>
/// What a public site's hostname serves: its own pages (<see cref="PublicSitePageMetadata"/>) and the endpoints marked
/// <see cref="AnswersOnPublicSitesMetadata"/>, nothing else. Sign-in, the built-in provider, the Blazor hub and every
/// portal page or endpoint are portal-only by default, so a new endpoint cannot open the portal on a public hostname
/// by being forgotten: a sign-in there would put a portal session into a browser on the customers' site, and the
/// site's antiforgery token would carry it. Routing applies the rule (<see cref="PublicSiteMatcherPolicy"/>); the
/// middleware refuses what routing found no endpoint for before the authentication handlers, which answer some
/// addresses themselves (the OpenID Connect callbacks, the provider's discovery and endpoints), see the request.
/// </summary>
public static class PublicSiteBoundary
{
    /// <summary>Lets the endpoint answer on public sites' hostnames too; see <see cref="AnswersOnPublicSitesMetadata"/>.</summary>
    public static TBuilder AnswersOnPublicSites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AnswersOnPublicSitesMetadata.Instance);

    /// <summary>Whether <paramref name="endpoint"/> may answer a request whose Host is a public site's.</summary>
    public static bool ServesPublicSites(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<PublicSitePageMetadata>() is not null || endpoint.Metadata.GetMetadata<AnswersOnPublicSitesMetadata>() is not null;

    /// <summary>
    /// Answers 404 (the status-code page then shows the site's not-found page) to a request on a public site's hostname
    /// that routing gave no endpoint. Must come before authentication.
    /// </summary>
    public static IApplicationBuilder UsePublicSiteBoundary(this IApplicationBuilder app)
    {
        var resolver = app.ApplicationServices.GetRequiredService<PublicSiteResolver>();
        return app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is null && (await resolver.ResolveAsync(http)).Site is not null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
    }
}
