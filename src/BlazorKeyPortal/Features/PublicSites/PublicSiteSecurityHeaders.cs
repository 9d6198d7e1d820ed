using Microsoft.Net.Http.Headers;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// The headers of every response on a public site's hostname. The pages run no script at all and load nothing
/// from elsewhere, so the policy can be strict: nothing but their own nonce-marked stylesheet and same-origin
/// images, forms posting only to the site, never framed, and no Referer, so an access key in the address never
/// reaches another site. Responses are not stored, because landing pages carry access keys.
/// </summary>
public static class PublicSiteSecurityHeaders
{
    public static void Apply(HttpResponse response, string styleNonce)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{styleNonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        // Antiforgery writes SAMEORIGIN when it issues a token; the public sites are never framed at all.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.Remove(HeaderNames.Pragma);
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    }

    /// <summary>Adds the headers to every response of a request whose Host is a public site's, whatever writes it (page, 404, 429).</summary>
    public static IApplicationBuilder UsePublicSiteSecurityHeaders(this IApplicationBuilder app)
    {
        var resolver = app.ApplicationServices.GetRequiredService<PublicSiteResolver>();
        return app.Use(async (http, next) =>
        {
            var request = await resolver.ResolveAsync(http);
            if (request.Site is not null)
            {
                http.Response.OnStarting(() =>
                {
                    Apply(http.Response, request.StyleNonce);
                    return Task.CompletedTask;
                });
            }
            await next(http);
        });
    }
}
