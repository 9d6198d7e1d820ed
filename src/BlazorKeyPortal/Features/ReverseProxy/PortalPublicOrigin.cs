using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.ReverseProxy;

/// <summary>
/// The origin the portal hands out (key URLs of <c>*.localhost</c> sites, invitation previews, sign-in redirect
/// registrations): <see cref="PublicOriginOptions.PublicOrigin"/>, or in Development without it the address the
/// portal listens on. Never a request's Host header, which any client can write.
/// </summary>
public sealed class PortalPublicOrigin(IOptions<PublicOriginOptions> options, IServer server)
{
    /// <summary>The origin with its path and without a trailing slash: <c>https://intranet.example.com/keys</c>.</summary>
    public Uri Value
    {
        get
        {
            var configured = options.Value.PublicOrigin;
            // Read on use: in Development the bound port (0 in tests) is known only once the server listens.
            return string.IsNullOrWhiteSpace(configured) ? PortalOrigins.Bound(server) : new Uri(configured.TrimEnd('/'));
        }
    }

    /// <summary>True when the operator named the origin (always so outside Development).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.PublicOrigin);
}
