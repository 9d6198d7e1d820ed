using BlazorKeyPortal.Features.AuditTrail;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// The events a recipient can subscribe to, by their bare names, and the CloudEvents <c>type</c> each is sent as
/// (<see cref="TypePrefix"/> + name, reverse-DNS as the CloudEvents specification recommends).
/// </summary>
public static class WebhookEvents
{
    public const string KeyIssued = "key.issued";
    public const string KeyRedeemed = "key.redeemed";
    public const string KeyExpired = "key.expired";
    public const string KeyRevoked = "key.revoked";
    public const string SessionAccepted = "session.accepted";
    public const string SessionEnded = "session.ended";
    /// <summary>Sent only by the page's "Send test event"; no recipient subscribes to it.</summary>
    public const string Test = "webhook.test";

    public const string TypePrefix = "com.blazorkeyportal.";

    /// <summary>Every event a recipient can pick, in the order the page lists them.</summary>
    public static readonly IReadOnlyList<string> All = [KeyIssued, KeyRedeemed, KeyExpired, KeyRevoked, SessionAccepted, SessionEnded];

    /// <summary>The CloudEvents type of an event name: <c>com.blazorkeyportal.key.issued</c>.</summary>
    public static string CloudEventType(string name) => TypePrefix + name;

    /// <summary>
    /// The audit actions that become events, and which. An appliance's key is issued when its pending entry completes.
    /// <c>key.expired</c> has no audit entry: expiry needs no write, so a sweep finds it (see <see cref="WebhookFanOut"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ByAuditAction = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.KeyIssued] = KeyIssued,
        [AuditActions.KeyIssueCompleted] = KeyIssued,
        [AuditActions.KeyRedeemed] = KeyRedeemed,
        [AuditActions.KeyRevoked] = KeyRevoked,
        [AuditActions.SessionAccepted] = SessionAccepted,
        [AuditActions.SessionEnded] = SessionEnded,
    };

    /// <summary>The names stored in <c>WebhookRecipient.Events</c>, parsed.</summary>
    public static IReadOnlySet<string> Parse(string? events) =>
        (events ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stored form of a set of names, in the page's order.</summary>
    public static string Format(IEnumerable<string> events)
    {
        var set = events.ToHashSet(StringComparer.Ordinal);
        return string.Join(',', All.Where(set.Contains));
    }
}
