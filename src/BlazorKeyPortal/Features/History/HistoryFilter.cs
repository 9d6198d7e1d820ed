using BlazorKeyPortal.Features.SessionKeys;
namespace BlazorKeyPortal.Features.History;

/// <summary>
/// What a supervisor narrows the history to. The page binds it, the CSV export reads it from the query string,
/// and <see cref="HistoryFilterValidator"/> checks it for both. Days are UTC calendar days.
/// </summary>
public sealed record HistoryFilter
{
    /// <summary>First day of issue (UTC), inclusive.</summary>
    public DateTime? IssuedFrom { get; set; }

    /// <summary>Last day of issue (UTC), inclusive.</summary>
    public DateTime? IssuedTo { get; set; }

    /// <summary><c>user:NAME</c>, <c>api:CLIENT_ID</c>, or a bare name that matches either kind of issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary><c>general</c>, <c>rep:ID</c>, <c>team:ID</c> or <c>embassy:ID</c>: the queue the key placed sessions in.</summary>
    public string? Queue { get; set; }

    /// <summary>The team whose queue the key targets (team queues and issues routed to it).</summary>
    public int? TeamId { get; set; }

    /// <summary>The public site the key was issued for.</summary>
    public int? SiteId { get; set; }

    public KeyState? State { get; set; }

    /// <summary>The start of the external key (a ticket number), matched without regard to case.</summary>
    public string? ExternalKey { get; set; }

    /// <summary>The seven-character short key, exactly.</summary>
    public string? ShortKey { get; set; }

    /// <summary>The instant the issue range starts at, or null.</summary>
    public DateTimeOffset? IssuedFromInstant => IssuedFrom is { } day ? new DateTimeOffset(day.Date.Ticks, TimeSpan.Zero) : null;

    /// <summary>The instant the issue range ends before (the day after <see cref="IssuedTo"/>), or null.</summary>
    public DateTimeOffset? IssuedBeforeInstant => IssuedTo is { } day ? new DateTimeOffset(day.Date.Ticks, TimeSpan.Zero).AddDays(1) : null;
}

/// <summary>Columns the history can be ordered by; each has an index that serves it.</summary>
public enum HistorySortField
{
    IssuedAt,
    ExpiresAt,
    ShortKey,
    ExternalKey,
    IssuedBy,
}

/// <summary>An order for the history: a column and a direction. Ties are broken by id (issue order), in the same direction.</summary>
public sealed record HistorySort(HistorySortField Field, bool Descending)
{
    /// <summary>Newest first.</summary>
    public static HistorySort Default { get; } = new(HistorySortField.IssuedAt, Descending: true);
}
