using Microsoft.Extensions.Primitives;

namespace BlazorKeyPortal.Features.ReverseProxy;

/// <summary>
/// Reads the RFC 7239 <c>Forwarded</c> header (<c>for=192.0.2.60;proto=https;host=keys.example.com, for="[2001:db8::1]:4711"</c>),
/// which ASP.NET Core's forwarded-headers middleware does not, into the X-Forwarded-* headers that it does read.
/// The middleware then decides, as for any proxy, whether the connection is a known proxy and how many hops to believe.
/// </summary>
public static class RfcForwardedHeader
{
    public const string HeaderName = "Forwarded";

    /// <summary>One proxy hop: what it saw of its client. A parameter the hop did not send is null.</summary>
    public sealed record Hop(string? For, string? Proto, string? Host);

    /// <summary>The hops of every <c>Forwarded</c> header, first proxy first. Malformed pairs are skipped.</summary>
    public static IReadOnlyList<Hop> Parse(StringValues headers)
    {
        var hops = new List<Hop>();
        foreach (var header in headers)
        {
            if (header is null) continue;
            foreach (var element in SplitOutsideQuotes(header, ','))
            {
                string? forValue = null, proto = null, host = null;
                foreach (var pair in SplitOutsideQuotes(element, ';'))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0) continue;
                    var key = pair[..equals].Trim();
                    var value = Unquote(pair[(equals + 1)..].Trim());
                    if (key.Equals("for", StringComparison.OrdinalIgnoreCase)) forValue = NodeAddress(value);
                    else if (key.Equals("proto", StringComparison.OrdinalIgnoreCase)) proto = value;
                    else if (key.Equals("host", StringComparison.OrdinalIgnoreCase)) host = value;
                }
                if (forValue is not null || proto is not null || host is not null) hops.Add(new Hop(forValue, proto, host));
            }
        }
        return hops;
    }

    /// <summary>
    /// Replaces the request's X-Forwarded-For, -Proto and -Host with what its <c>Forwarded</c> header says, so a
    /// client cannot add X-Forwarded-* headers of its own beside a proxy that writes only <c>Forwarded</c>.
    /// </summary>
    public static void TranslateToXForwarded(IHeaderDictionary headers)
    {
        var hops = Parse(headers[HeaderName]);
        headers.Remove("X-Forwarded-For");
        headers.Remove("X-Forwarded-Proto");
        headers.Remove("X-Forwarded-Host");
        if (hops.Count == 0) return;
        // The forwarded-headers middleware pairs the lists from the right (the nearest proxy); a hop without a
        // parameter would shift the pairing, so a list is written only when every hop has its value.
        if (hops.All(h => h.For is not null)) headers["X-Forwarded-For"] = string.Join(", ", hops.Select(h => h.For));
        if (hops.All(h => h.Proto is not null)) headers["X-Forwarded-Proto"] = string.Join(", ", hops.Select(h => h.Proto));
        if (hops.All(h => h.Host is not null)) headers["X-Forwarded-Host"] = string.Join(", ", hops.Select(h => h.Host));
    }

    /// <summary>The address of a node (<c>192.0.2.43:47011</c>, <c>[2001:db8::17]:4711</c>) without its port; <c>unknown</c> and obfuscated names as they are.</summary>
    private static string NodeAddress(string node)
    {
        if (node.StartsWith('['))
        {
            var close = node.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? node[1..close] : node;
        }
        var colon = node.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && node.IndexOf(':', colon + 1) < 0 ? node[..colon] : node;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : value;

    private static IEnumerable<string> SplitOutsideQuotes(string text, char separator)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
            else if (text[i] == separator && !quoted)
            {
                if (i > start) yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        if (start < text.Length) yield return text[start..].Trim();
    }
}
