using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.History;

/// <summary>One line of the history grid: the columns it shows and sorts by, nothing it does not need.</summary>
public sealed record HistoryRow
{
    public long Id { get; init; }
    public required string ShortKey { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int SiteId { get; init; }
    public QueueKind QueueKind { get; init; }
    public int? QueueId { get; init; }
    public required string RequestedQueue { get; init; }
    public int? QueueTeamId { get; init; }
    public IssuerKind IssuerKind { get; init; }
    public required string IssuedBy { get; init; }
    public string? ExternalKey { get; init; }
    public DateTimeOffset? RedeemedAt { get; init; }
    public int? RedeemedSiteId { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>As of the moment the page was read.</summary>
    public KeyState State { get; init; }

    /// <summary>The queue as the command API names it: <c>general</c>, <c>team:1</c>…</summary>
    public string Queue => QueueKind == QueueKind.General ? "general" : $"{QueueKind.ToString().ToLowerInvariant()}:{QueueId}";

    /// <summary>The audit trail's name for the issuer: <c>user:NAME</c> or <c>api:CLIENT_ID</c>.</summary>
    public string Issuer => IssuerKind == IssuerKind.User ? $"user:{IssuedBy}" : $"api:{IssuedBy}";
}

/// <summary>A page of history rows, read at one instant.</summary>
public sealed record HistoryRows(IReadOnlyList<HistoryRow> Rows, DateTimeOffset ReadAt);
