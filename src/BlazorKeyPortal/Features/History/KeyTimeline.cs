using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// Builds a key's timeline (issued → redeemed where and when → accepted by whom → ended, or revoked, or expired
/// unused) from the key's row, its support session and the audit entries about it.
/// </summary>
public static class KeyTimeline
{
    public static IReadOnlyList<TimelineEvent> Build(SessionKey key, SupportSession? session, IEnumerable<AuditEntry> audit, KeyNames names, KeyState state)
    {
        var issuer = key.IssuerKind == IssuerKind.User ? $"user {key.IssuedBy}" : $"API account {names.ApiAccount ?? key.IssuedBy}";
        var events = new List<TimelineEvent>
        {
            new(key.IssuedAt, TimelineStep.Issued, "Issued", $"by {issuer} for site {names.Site} ({key.UrlHostname}), queue {key.RequestedQueue}"),
        };

        events.AddRange(audit.Where(e => e.Action == AuditActions.RedemptionFailed)
            .Select(e => new TimelineEvent(e.OccurredAt, TimelineStep.RedemptionRefused, "Redemption refused", $"{e.Actor}: {e.Details}")));

        if (key.RedeemedAt is { } redeemedAt)
        {
            var site = names.RedeemedSite ?? names.Site;
            events.Add(new(redeemedAt, TimelineStep.Redeemed, "Redeemed", session is null ? $"on site {site}" : $"on site {site} {Method(session.Method)}"));
        }
        if (session?.AcceptedAt is { } acceptedAt)
        {
            events.Add(new(acceptedAt, TimelineStep.Accepted, "Accepted", $"by {session.AcceptedBy ?? "a representative"}"));
        }
        if (session?.EndedAt is { } endedAt)
        {
            events.Add(new(endedAt, TimelineStep.Ended, "Ended", null));
        }
        if (key.RevokedAt is { } revokedAt)
        {
            events.Add(new(revokedAt, TimelineStep.Revoked, "Revoked", $"by {key.RevokedBy}: {key.RevokeReason}"));
        }
        if (state == KeyState.Expired)
        {
            events.Add(new(key.ExpiresAt, TimelineStep.Expired, "Expired unused", null));
        }
        return events.OrderBy(e => e.At).ThenBy(e => e.Step).ToList();
    }

    private static string Method(RedemptionMethod method) => method switch
    {
        RedemptionMethod.ShortKeyEntry => "by entering the short key",
        RedemptionMethod.KeyUrl => "through the key URL",
        RedemptionMethod.Api => "through the API",
        _ => method.ToString(),
    };
}
