using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>What an event says about its key: the key's fields, never its access key.</summary>
public sealed record KeyEventData(
    long KeyId,
    string ShortKey,
    string KeyUrl,
    string Queue,
    string Site,
    string Issuer,
    string IssuerKind,
    string? ExternalKey,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RedeemedAt,
    string? RedeemedSite,
    DateTimeOffset? RevokedAt,
    KeyState State,
    long? SessionId = null,
    string? AcceptedBy = null);

/// <summary>
/// A CloudEvents 1.0 event in structured JSON mode (<c>application/cloudevents+json</c>), attributes first, in a fixed
/// order, so a body queued once is the exact text every retry sends and signs.
/// </summary>
public static class CloudEventBody
{
    public const string ContentType = "application/cloudevents+json";

    /// <param name="source">The portal's public origin with a trailing slash.</param>
    public static string Create(string id, string eventName, string source, DateTimeOffset time, string subject, KeyEventData? data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", id);
            json.WriteString("source", source);
            json.WriteString("type", WebhookEvents.CloudEventType(eventName));
            json.WriteString("time", Instant(time));
            json.WriteString("subject", subject);
            json.WriteString("datacontenttype", "application/json");
            json.WritePropertyName("data");
            if (data is null) WriteTestData(json, time);
            else WriteKey(json, data);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteKey(Utf8JsonWriter json, KeyEventData key)
    {
        json.WriteStartObject();
        json.WriteNumber("key_id", key.KeyId);
        json.WriteString("short_key", key.ShortKey);
        // The key URL carries the access key, which starts the customer's session: only the page it leads to is sent.
        json.WriteString("site_url", WithoutAccessKey(key.KeyUrl));
        json.WriteString("queue", key.Queue);
        json.WriteString("site", key.Site);
        json.WriteString("issuer", key.Issuer);
        json.WriteString("issuer_kind", key.IssuerKind);
        NullableString(json, "external_key", key.ExternalKey);
        json.WriteString("issued_at", Instant(key.IssuedAt));
        json.WriteString("expires_at", Instant(key.ExpiresAt));
        NullableString(json, "redeemed_at", key.RedeemedAt is { } redeemed ? Instant(redeemed) : null);
        NullableString(json, "redeemed_site", key.RedeemedSite);
        NullableString(json, "revoked_at", key.RevokedAt is { } revoked ? Instant(revoked) : null);
        json.WriteString("state", key.State.ToString().ToLowerInvariant());
        if (key.SessionId is { } session) json.WriteNumber("session_id", session);
        if (key.AcceptedBy is not null) json.WriteString("accepted_by", key.AcceptedBy);
        json.WriteEndObject();
    }

    private static void WriteTestData(Utf8JsonWriter json, DateTimeOffset time)
    {
        json.WriteStartObject();
        json.WriteString("message", "A test event sent from the portal's Webhooks page.");
        json.WriteString("sent_at", Instant(time));
        json.WriteEndObject();
    }

    private static void NullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>
    /// The key URL with its access key (<c>ak</c>) taken out: the public site's page where the short key is typed. Whoever
    /// holds the access key can start the customer's session, so it goes nowhere but to the customer.
    /// </summary>
    public static string WithoutAccessKey(string keyUrl)
    {
        var query = keyUrl.IndexOf('?', StringComparison.Ordinal);
        if (query < 0) return keyUrl;
        var kept = keyUrl[(query + 1)..].Split('&').Where(p => !p.StartsWith("ak=", StringComparison.OrdinalIgnoreCase) && p != "ak").ToList();
        return kept.Count == 0 ? keyUrl[..query] : $"{keyUrl[..query]}?{string.Join('&', kept)}";
    }

    /// <summary>RFC 3339 in UTC, as CloudEvents' <c>time</c> requires.</summary>
    private static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
