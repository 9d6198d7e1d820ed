using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// Builds a site's base URL and a key's <c>key_url</c>. Real hostnames get the configured scheme
/// (https in production) and the default port. Hostnames under <c>.localhost</c> resolve to this machine,
/// so in the embedded default they carry the running portal's scheme and port and open in a local browser.
/// </summary>
public sealed class KeyUrlBuilder(IOptions<PublicSitesOptions> options)
{
    public string SiteUrl(string hostname, Uri? portalOrigin)
    {
        if (IsLoopbackName(hostname) && portalOrigin is not null)
        {
            return new UriBuilder(portalOrigin.Scheme, hostname, portalOrigin.Port).Uri.GetLeftPart(UriPartial.Authority);
        }
        return $"{options.Value.Scheme}://{hostname}";
    }

    public string KeyUrl(string hostname, string accessKey, Uri? portalOrigin) => $"{SiteUrl(hostname, portalOrigin)}/?ak={accessKey}";

    private static bool IsLoopbackName(string hostname) =>
        hostname.Equals("localhost", StringComparison.OrdinalIgnoreCase) || hostname.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
