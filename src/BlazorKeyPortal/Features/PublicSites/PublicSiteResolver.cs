using System.Security.Cryptography;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Redemption;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>What one request's Host header says: the public site it names (null for the portal's own hostnames).</summary>
public sealed class PublicSiteRequest(SiteInfo? site)
{
    private string? _styleNonce;

    public SiteInfo? Site { get; } = site;

    /// <summary>The nonce that lets this response's one inline stylesheet past its content security policy.</summary>
    public string StyleNonce => _styleNonce ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}

/// <summary>
/// Maps a request's Host header to a public site through the catalog's hostname table (case-insensitive, port and
/// a trailing dot ignored), once per request: the answer is kept as a request feature for routing, headers and pages.
/// The portal's own hostnames are never a public site's, whatever the table says (a row may predate the check that
/// keeps them out). In appliance mode no hostname is: customers redeem appliance keys on the appliance's own sites,
/// and a site named after the appliance's host would otherwise take over the portal when both run on one machine.
/// </summary>
public sealed class PublicSiteResolver(PortalCatalog catalog, PortalHostnames portalHostnames, IOptions<KeyAuthorityOptions> keyAuthority)
{
    public async ValueTask<PublicSiteRequest> ResolveAsync(HttpContext http)
    {
        if (http.Features.Get<PublicSiteRequest>() is { } known) return known;

        var host = http.Request.Host.Host.TrimEnd('.');
        SiteInfo? site = null;
        if (!keyAuthority.Value.IsAppliance && host.Length > 0 && !portalHostnames.Contains(host))
        {
            site = (await catalog.GetAsync(http.RequestAborted)).SiteByHostname.GetValueOrDefault(host);
        }
        var resolved = new PublicSiteRequest(site);
        http.Features.Set(resolved);
        return resolved;
    }
}

/// <summary>
/// What a public page needs from its request: the site, its texts in the page's language, the stylesheet nonce, and
/// on a key URL's landing page the access key, which the language picker's links keep.
/// </summary>
public sealed record PublicPage(SiteInfo Site, SiteTexts Texts, string StyleNonce, string? AccessKey = null)
{
    /// <summary>The page context of a request routed to a public page (routing guarantees the site), in the request's language.</summary>
    public static async ValueTask<PublicPage> OfAsync(HttpContext http)
    {
        if (http.Features.Get<PublicSiteRequest>() is not { Site: { } site } request)
            throw new InvalidOperationException("Public pages are routed only for hostnames of public sites.");
        var texts = await http.RequestServices.GetRequiredService<LocalizedSiteTexts>().ForAsync(site, PublicLanguages.Current, http.RequestAborted);
        var accessKey = HttpMethods.IsGet(http.Request.Method) ? http.Request.Query[StartSessionParameters.AccessKey].FirstOrDefault() : null;
        return new PublicPage(site, texts, request.StyleNonce, accessKey);
    }

    /// <summary>The site, for an endpoint that only needs to know which site it serves.</summary>
    public static SiteInfo SiteOf(HttpContext http) =>
        http.Features.Get<PublicSiteRequest>() is { Site: { } site }
            ? site
            : throw new InvalidOperationException("Public pages are routed only for hostnames of public sites.");
}
