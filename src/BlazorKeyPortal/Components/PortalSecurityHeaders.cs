using System.Security.Cryptography;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Components;

/// <summary>
/// The headers of every response on the portal's own hostnames (public sites have theirs, see
/// <see cref="PublicSiteSecurityHeaders"/>). Scripts run only from the portal's own files plus the one inline import
/// map that carries this response's nonce; Blazor Server needs no eval, and its WebSocket is same-origin. MudBlazor
/// positions popovers and colours components with style attributes, so inline styles stay allowed: a style cannot
/// run script. Never framed, no MIME sniffing, and the Referer leaves only for the portal itself.
/// </summary>
public static class PortalSecurityHeaders
{
    private const string NonceItem = "BlazorKeyPortal.ScriptNonce";

    /// <summary>The nonce this response's inline import map carries.</summary>
    public static string ScriptNonce(HttpContext http) =>
        http.Items[NonceItem] as string ?? throw new InvalidOperationException("UsePortalSecurityHeaders must run before the page renders.");

    /// <summary>The policy for one response. <paramref name="signInAuthority"/> is an external provider's origin, if any.</summary>
    public static string ContentSecurityPolicy(string nonce, Uri? signInAuthority)
    {
        // form-action also governs the redirects that follow a form post: signing out posts to the portal, which
        // redirects to the provider's end-session address.
        var formAction = signInAuthority is null ? "'self'" : $"'self' {signInAuthority.GetLeftPart(UriPartial.Authority)}";
        return $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + $"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
    }

    /// <summary>Adds the headers to every response of a request that is not for a public site's hostname.</summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app)
    {
        var resolver = app.ApplicationServices.GetRequiredService<PublicSiteResolver>();
        var signIn = app.ApplicationServices.GetRequiredService<IOptions<PortalSignInOptions>>().Value;
        Uri? authority = signIn.UsesBuiltInProvider ? null : new Uri(signIn.Authority!);
        return app.Use(async (http, next) =>
        {
            var request = await resolver.ResolveAsync(http);
            if (request.Site is null)
            {
                var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
                http.Items[NonceItem] = nonce;
                http.Response.OnStarting(() =>
                {
                    var headers = http.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce, authority);
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "same-origin";
                    // Antiforgery writes SAMEORIGIN when it issues a token; the portal is never framed at all.
                    headers.XFrameOptions = "DENY";
                    return Task.CompletedTask;
                });
            }
            await next(http);
        });
    }
}
