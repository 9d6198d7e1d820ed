using System.Net;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.ReverseProxy;

/// <summary>
/// The reverse proxy in front of the portal. Section <c>ReverseProxy</c>. Forwarded headers are believed only on
/// connections from <see cref="KnownProxies"/> or <see cref="KnownNetworks"/>; with neither set, no address is
/// trusted (not even loopback) and every forwarded header is ignored.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies whose forwarded headers count, e.g. <c>10.0.0.5</c>. Defaults to none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of the proxies whose forwarded headers count, e.g. <c>10.0.0.0/24</c>. Defaults to none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Which headers the proxy writes: <c>XForwarded</c> (X-Forwarded-For, -Proto, -Host; nginx, IIS ARR, most
    /// load balancers) or <c>Forwarded</c> (RFC 7239). Only one is read, because a proxy passes the other one on from
    /// the client untouched. Defaults to <c>XForwarded</c>.
    /// </summary>
    public ForwardedHeaderStyle Headers { get; set; } = ForwardedHeaderStyle.XForwarded;

    /// <summary>
    /// The path the proxy serves the portal under, e.g. <c>/keys</c>; the proxy forwards it unchanged. Requests
    /// without it (public sites at the root of their own hostnames, health checks on the portal's own address) still
    /// work. Defaults to none: the portal at the root.
    /// </summary>
    public string? PathBase { get; set; }

    /// <summary>True when any proxy is trusted.</summary>
    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>The forwarded headers a proxy writes.</summary>
public enum ForwardedHeaderStyle
{
    XForwarded,
    Forwarded,
}

/// <summary>Checks <see cref="ReverseProxyOptions"/> at start-up; every message names the setting to fix.</summary>
internal sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        const string Section = ReverseProxyOptions.SectionName;
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{Section}:KnownProxies entry '{proxy}' is not an IP address like 10.0.0.5.");
        }
        foreach (var network in options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"{Section}:KnownNetworks entry '{network}' is not a network in CIDR notation like 10.0.0.0/24.");
        }
        if (!string.IsNullOrEmpty(options.PathBase) && !IsPathBase(options.PathBase))
        {
            failures.Add($"{Section}:PathBase '{options.PathBase}' must be a path like /keys: starting with '/', not ending with '/', without query or '..'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPathBase(string path) =>
        path.Length > 1 && path[0] == '/' && path[^1] != '/' && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains("..", StringComparison.Ordinal) && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~');
}
