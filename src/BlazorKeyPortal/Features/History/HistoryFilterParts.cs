using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.History;

/// <summary>The parts of a <see cref="HistoryFilter"/>, each tested by its own term and served by its own index.</summary>
public enum HistoryFilterPart
{
    IssueRange,
    Issuer,
    Queue,
    Team,
    Site,
    State,
    ExternalKey,
    ShortKey,
}

/// <summary>
/// Which index a count (and a page of few matches) seeks. The indexes of issuer, queue, team, site and external key
/// end with the issue time and the state's columns, so a filter of one of them, a state and an issue range is read
/// from that index alone (ADR-013); a filter of several of them seeks the one that matches fewest keys.
/// </summary>
public static class HistoryFilterParts
{
    /// <summary>The filter's parts that have an index of their own and are not a state or an issue range.</summary>
    public static IReadOnlyList<HistoryFilterPart> Columns(HistoryFilter filter)
    {
        var parts = new List<HistoryFilterPart>(5);
        if (!string.IsNullOrWhiteSpace(filter.Issuer)) parts.Add(HistoryFilterPart.Issuer);
        if (!string.IsNullOrWhiteSpace(filter.Queue) && HistoryQueryable.ParseQueue(filter.Queue.Trim()) is not null) parts.Add(HistoryFilterPart.Queue);
        if (filter.TeamId is not null) parts.Add(HistoryFilterPart.Team);
        if (filter.SiteId is not null) parts.Add(HistoryFilterPart.Site);
        if (!string.IsNullOrWhiteSpace(filter.ExternalKey)) parts.Add(HistoryFilterPart.ExternalKey);
        return parts;
    }

    /// <summary>
    /// The part whose index to seek when the filter has at most one column: the short key, the column, the state, the
    /// issue range, in that order; null for no filter at all. With several columns the caller measures them (see
    /// <see cref="HistoryQuery.CountUpToAsync"/>).
    /// </summary>
    public static HistoryFilterPart? Driver(HistoryFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.ShortKey)) return HistoryFilterPart.ShortKey;
        var columns = Columns(filter);
        if (columns.Count > 0) return columns[0];
        if (filter.State is not null) return HistoryFilterPart.State;
        return filter.IssuedFromInstant is not null || filter.IssuedBeforeInstant is not null ? HistoryFilterPart.IssueRange : null;
    }

    /// <summary>
    /// The parts a filter of several is sought by: its columns, then its state. The first of those that alone match
    /// fewest keys is sought, so a column wins a tie with the state (its index holds the state's columns too).
    /// </summary>
    public static IReadOnlyList<HistoryFilterPart> Candidates(HistoryFilter filter)
    {
        var parts = Columns(filter).ToList();
        if (filter.State is not null) parts.Add(HistoryFilterPart.State);
        return parts;
    }

    /// <summary>The filter narrowed to one part (with the issue range where its index holds the issue time next): what its index alone would find.</summary>
    public static HistoryFilter Only(HistoryFilter filter, HistoryFilterPart part)
    {
        var range = IssueTimeFollows(part, filter) ? new HistoryFilter { IssuedFrom = filter.IssuedFrom, IssuedTo = filter.IssuedTo } : new HistoryFilter();
        return part switch
        {
            HistoryFilterPart.Issuer => range with { Issuer = filter.Issuer },
            HistoryFilterPart.Queue => range with { Queue = filter.Queue },
            HistoryFilterPart.Team => range with { TeamId = filter.TeamId },
            HistoryFilterPart.Site => range with { SiteId = filter.SiteId },
            HistoryFilterPart.ExternalKey => range with { ExternalKey = filter.ExternalKey },
            HistoryFilterPart.State => range with { State = filter.State },
            _ => filter,
        };
    }

    /// <summary>Whether the index of <paramref name="driver"/> holds the issue time right after the part's own columns, so an issue range is seeked with it.</summary>
    public static bool IssueTimeFollows(HistoryFilterPart driver, HistoryFilter filter) => driver switch
    {
        HistoryFilterPart.Issuer or HistoryFilterPart.Queue or HistoryFilterPart.Team or HistoryFilterPart.Site or HistoryFilterPart.IssueRange => true,
        HistoryFilterPart.State => filter.State is KeyState.Revoked or KeyState.Redeemed,
        _ => false,
    };

    /// <summary>
    /// Whether an exact count of every match costs no more than walking one index range with no test per entry: no
    /// filter, an issue range, or one of issuer, queue, team or site (with an issue range), or a short key. A state
    /// or an external key prefix tests every entry (and their counts per state are on the charts), so beyond
    /// <see cref="HistoryQuery.ExactCountUpTo"/> they show as "more than 10,000".
    /// </summary>
    public static bool CountsFromOneIndex(HistoryFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.ShortKey)) return true;
        var columns = Columns(filter);
        return filter.State is null && (columns.Count == 0 || (columns.Count == 1 && columns[0] != HistoryFilterPart.ExternalKey));
    }
}
