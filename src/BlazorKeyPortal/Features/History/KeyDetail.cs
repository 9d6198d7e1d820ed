using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.History;

/// <summary>Everything known about one key: its row, the session it started, its audit entries and its timeline.</summary>
public sealed record KeyDetail(
    SessionKey Key,
    SupportSession? Session,
    KeyState State,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<AuditEntry> AuditEntries,
    KeyNames Names,
    DateTimeOffset ReadAt);

/// <summary>Display names of the ids a key refers to, taken from the catalog when the detail was read.</summary>
public sealed record KeyNames(string Site, string? RedeemedSite, string? Team, string? ApiAccount);

/// <summary>The steps of a key's life, in the order they can happen.</summary>
public enum TimelineStep
{
    Issued,
    RedemptionRefused,
    Redeemed,
    Accepted,
    Ended,
    Revoked,
    Expired,
}

/// <summary>One step of a key's timeline.</summary>
public sealed record TimelineEvent(DateTimeOffset At, TimelineStep Step, string Title, string? Detail);
