using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// The origins this process is reached on. Read after the server has bound, so port 0 has become a real port.
/// </summary>
public static class PortalOrigins
{
    /// <summary>The base address of an in-memory test server, which binds no address.</summary>
    private static readonly Uri InMemoryServer = new("http://localhost");

    /// <summary>
    /// The address the portal reaches itself on (the built-in provider's authority): the first bound http address,
    /// with a wildcard host (0.0.0.0, [::], +, *) replaced by 127.0.0.1.
    /// </summary>
    public static Uri Bound(IServer server)
    {
        var bound = Addresses(server);
        return bound.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp) ?? bound.FirstOrDefault() ?? InMemoryServer;
    }

    /// <summary>
    /// Every origin a browser on this machine may use for the bound addresses: a loopback or wildcard binding is
    /// reachable as localhost, 127.0.0.1 and [::1] on its port.
    /// </summary>
    public static IReadOnlyList<Uri> Loopback(IServer server)
    {
        var bound = Addresses(server);
        if (bound.Count == 0) bound = [InMemoryServer];
        var result = new List<Uri>();
        foreach (var address in bound)
        {
            result.Add(address);
            if (address.IsLoopback)
            {
                foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]" })
                {
                    result.Add(new UriBuilder(address.Scheme, host, address.Port).Uri);
                }
            }
        }
        return result.Select(u => new Uri(u.GetLeftPart(UriPartial.Authority))).Distinct().ToList();
    }

    /// <summary>The scheme, host and port of <paramref name="request"/>, as the browser used them.</summary>
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static List<Uri> Addresses(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var result = new List<Uri>();
        foreach (var address in addresses)
        {
            // Kestrel reports wildcards as written; Uri cannot parse '+' or '*'.
            var text = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) continue;
            if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            {
                uri = new UriBuilder(uri.Scheme, "127.0.0.1", uri.Port).Uri;
            }
            result.Add(new Uri(uri.GetLeftPart(UriPartial.Authority)));
        }
        return result;
    }
}
