using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// The <c>BlazorKeyPortal-Signature</c> header: <c>t=UNIX_SECONDS,v1=HEX</c>, where HEX is the lower-case HMAC-SHA256
/// of <c>{t}.{body}</c> (UTF-8) keyed with the UTF-8 bytes of the recipient's secret, as Stripe signs its webhooks.
/// The timestamp inside the signed text lets a receiver refuse a replayed request.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "BlazorKeyPortal-Signature";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and its timestamp is
    /// within <paramref name="tolerance"/> of <paramref name="now"/>. Any <c>v1</c> entry may match, so a receiver keeps
    /// working while a secret is being replaced. Compares in constant time.
    /// </summary>
    public static bool Verify(string? header, string secret, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header)) return false;
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0) continue;
            var (name, value) = (part[..separator], part[(separator + 1)..]);
            if (name == "t") t = value;
            else if (name == "v1") signatures.Add(value);
        }
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return false;
        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
}
