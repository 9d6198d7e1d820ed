using System.Net;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// The hostnames the portal itself is reached at, each with the setting it comes from: the hosts of
/// <c>Authentication:PublicOrigins</c> (also the built-in provider's redirect origins), of the addresses Kestrel
/// listens on (<c>urls</c>, i.e. <c>ASPNETCORE_URLS</c> or <c>--urls</c>, and <c>Kestrel:Endpoints:*:Url</c>), or
/// Kestrel's default <c>http://localhost:5000</c> when none is set. A loopback or wildcard address is reachable as
/// localhost, 127.0.0.1 and ::1. A public site must not claim any of them: its pages would answer instead of the
/// portal's.
/// </summary>
public sealed class PortalHostnames
{
    private const string KestrelDefault = "http://localhost:5000";
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    private readonly Dictionary<string, string> _settingByHostname = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The given hostnames with the settings that name them.</summary>
    public PortalHostnames(IEnumerable<(string Hostname, string Setting)> hostnames)
    {
        foreach (var (hostname, setting) in hostnames) _settingByHostname.TryAdd(Normalize(hostname), setting);
    }

    /// <summary>The hostnames of the portal as configured.</summary>
    public static PortalHostnames From(IConfiguration configuration)
    {
        var found = new List<(string, string)>();
        foreach (var origin in configuration.GetSection("Authentication:PublicOrigins").GetChildren().Select(c => c.Value))
        {
            found.AddRange(HostsOf(origin, "Authentication:PublicOrigins"));
        }

        var listening = new List<(string Url, string Setting)>();
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            listening.Add((url, "urls"));
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url) listening.Add((url, $"Kestrel:Endpoints:{endpoint.Key}:Url"));
        }
        if (listening.Count == 0 && (configuration["http_ports"] ?? configuration["https_ports"]) is { Length: > 0 } ports)
        {
            listening.Add(("http://*", configuration["http_ports"] is { Length: > 0 } ? "http_ports" : "https_ports"));
        }
        if (listening.Count == 0) listening.Add((KestrelDefault, $"the default address {KestrelDefault}"));
        foreach (var (url, setting) in listening) found.AddRange(HostsOf(url, setting));
        return new PortalHostnames(found);
    }

    /// <summary>The setting that makes <paramref name="hostname"/> one of the portal's own, or null.</summary>
    public string? SettingOf(string hostname) => _settingByHostname.GetValueOrDefault(Normalize(hostname));

    public bool Contains(string hostname) => _settingByHostname.ContainsKey(Normalize(hostname));

    private static IEnumerable<(string, string)> HostsOf(string? address, string setting)
    {
        if (string.IsNullOrWhiteSpace(address)) yield break;
        // Kestrel's wildcards ('+', '*') are no URI hosts; like 0.0.0.0 and [::] they take every name, the loopback
        // ones included.
        var text = address.Trim().Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0) yield break;
        var host = uri.Host.Trim('[', ']');
        var isWildcard = IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        if (!isWildcard) yield return (host, setting);
        if (isWildcard || uri.IsLoopback)
        {
            foreach (var name in LoopbackNames) yield return (name, setting);
        }
    }

    private static string Normalize(string hostname) => hostname.Trim().TrimEnd('.').Trim('[', ']');
}
