using BlazorKeyPortal.Features.SessionKeys;
using System.Linq.Expressions;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// The history's filter, order and projection as query operators, shared by the grid, the CSV export and the
/// charts so that all three show the same keys. Everything here translates to SQL on SQLite and SQL Server.
/// </summary>
public static class HistoryQueryable
{
    private const string LikeEscape = "\\";

    /// <summary>Narrows <paramref name="keys"/> to <paramref name="filter"/>; states are judged at <paramref name="now"/>.</summary>
    /// <param name="readInOrderOf">
    /// For a page of a filter that many keys match: the order the page is read in. Every term whose index would not
    /// return keys in that order is then written so that no index can seek it, and the database walks the order's own
    /// index, checking each key, until the page is full. With many matches that stops after a few hundred keys; seeking
    /// the term's index instead would read and sort every match (SQLite's planner, which knows no row counts, always
    /// prefers the seek).
    /// </param>
    /// <param name="matching">How many keys match, when <paramref name="readInOrderOf"/> is given.</param>
    /// <param name="seekOnly">
    /// Otherwise, the part of the filter whose index the database is to seek (see <see cref="HistoryFilterParts.Driver"/>):
    /// every other term is made unseekable, so the planner cannot pick an index that holds fewer of the filter's columns.
    /// </param>
    public static IQueryable<SessionKey> WhereMatches(this IQueryable<SessionKey> keys, HistoryFilter filter, DateTimeOffset now, HistorySort? readInOrderOf = null, int matching = 0, HistoryFilterPart? seekOnly = null)
    {
        foreach (var (term, index, part) in Terms(filter, now))
        {
            var seek = readInOrderOf is { } order ? Serves(index, order.Field, matching)
                : seekOnly is not { } driver || part == driver || (part == HistoryFilterPart.IssueRange && HistoryFilterParts.IssueTimeFollows(driver, filter));
            keys = keys.Where(seek ? term : Unseekable(term));
        }
        if (readInOrderOf is null && seekOnly == HistoryFilterPart.State && filter.State is KeyState.Revoked or KeyState.Redeemed
            && filter.IssuedFromInstant is null && filter.IssuedBeforeInstant is null)
        {
            // The state's partial index leads with the issue time: a range over all time lets the planner seek it (and
            // read it alone) rather than scan a whole index that also holds the state's columns.
            var dawn = DateTimeOffset.MinValue;
            keys = keys.Where(k => k.IssuedAt >= dawn);
        }
        return keys;
    }

    /// <summary>1 for a key that matches every term of <paramref name="filter"/>, 0 otherwise: a count of matches among candidates read for one part.</summary>
    public static Expression<Func<SessionKey, int>> MatchFlag(HistoryFilter filter, DateTimeOffset now)
    {
        var key = Expression.Parameter(typeof(SessionKey), "k");
        Expression all = Expression.Constant(true);
        foreach (var (term, _, _) in Terms(filter, now))
        {
            all = Expression.AndAlso(all, new Reparameter(term.Parameters[0], key).Visit(term.Body));
        }
        return Expression.Lambda<Func<SessionKey, int>>(Expression.Condition(all, Expression.Constant(1), Expression.Constant(0)), key);
    }

    private sealed class Reparameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// Up to this many keys with an external key prefix, a newest-first page sorts their index entries (issue time is in
    /// the index); beyond it, walking the issue-time index finds a page sooner. Ticket numbers grow with time, so a
    /// narrow prefix tends to sit in one stretch of time that a walk from the newest key would reach late.
    /// </summary>
    public const int ExternalKeySortUpTo = 50_000;

    /// <summary>The filter's conditions, each with the index that can seek it.</summary>
    private static IEnumerable<(Expression<Func<SessionKey, bool>> Term, TermIndex Index, HistoryFilterPart Part)> Terms(HistoryFilter filter, DateTimeOffset now)
    {
        if (filter.IssuedFromInstant is { } from) yield return (k => k.IssuedAt >= from, TermIndex.IssuedAt, HistoryFilterPart.IssueRange);
        if (filter.IssuedBeforeInstant is { } before) yield return (k => k.IssuedAt < before, TermIndex.IssuedAt, HistoryFilterPart.IssueRange);

        if (!string.IsNullOrWhiteSpace(filter.Issuer))
        {
            var (kind, name) = ParseIssuer(filter.Issuer.Trim());
            yield return kind is { } issuerKind
                ? (k => k.IssuedBy == name && k.IssuerKind == issuerKind, TermIndex.IssuerThenIssuedAt, HistoryFilterPart.Issuer)
                : (k => k.IssuedBy == name, TermIndex.IssuerThenIssuedAt, HistoryFilterPart.Issuer);
        }
        if (!string.IsNullOrWhiteSpace(filter.Queue) && ParseQueue(filter.Queue.Trim()) is { } queue)
        {
            var (queueKind, queueId) = queue;
            yield return queueKind == QueueKind.General
                // The general queue has no id; saying so lets an issue range be sought in the same index.
                ? (k => k.QueueKind == QueueKind.General && k.QueueId == null, TermIndex.ThenIssuedAt, HistoryFilterPart.Queue)
                : (k => k.QueueKind == queueKind && k.QueueId == queueId, TermIndex.ThenIssuedAt, HistoryFilterPart.Queue);
        }
        if (filter.TeamId is { } teamId) yield return (k => k.QueueTeamId == teamId, TermIndex.ThenIssuedAt, HistoryFilterPart.Team);
        if (filter.SiteId is { } siteId) yield return (k => k.SiteId == siteId, TermIndex.ThenIssuedAt, HistoryFilterPart.Site);
        if (filter.State is { } state)
        {
            yield return (InState(state, now), state is KeyState.Revoked or KeyState.Redeemed ? TermIndex.StateThenIssuedAt : TermIndex.UnusedByExpiry, HistoryFilterPart.State);
        }

        if (!string.IsNullOrWhiteSpace(filter.ExternalKey))
        {
            var pattern = EscapeLike(filter.ExternalKey.Trim()) + "%";
            yield return (k => EF.Functions.Like(k.ExternalKey!, pattern, LikeEscape), TermIndex.ExternalKey, HistoryFilterPart.ExternalKey);
        }
        if (!string.IsNullOrWhiteSpace(filter.ShortKey))
        {
            var shortKey = filter.ShortKey.Trim().ToUpperInvariant();
            yield return (k => k.ShortKey == shortKey, TermIndex.ShortKey, HistoryFilterPart.ShortKey);
        }
    }

    /// <summary>Whether seeking the term's index still returns keys in <paramref name="order"/>'s order.</summary>
    private static bool Serves(TermIndex index, HistorySortField order, int matching) => index switch
    {
        // Issue time correlates with expiry: walking the expiry index past a distant issue range would read most keys.
        TermIndex.IssuedAt => order is HistorySortField.IssuedAt or HistorySortField.ExpiresAt,
        TermIndex.ThenIssuedAt => order == HistorySortField.IssuedAt,
        TermIndex.IssuerThenIssuedAt => order is HistorySortField.IssuedAt or HistorySortField.IssuedBy,
        TermIndex.StateThenIssuedAt => order == HistorySortField.IssuedAt,
        TermIndex.UnusedByExpiry => order == HistorySortField.ExpiresAt,
        // The index holds the issue time: a newest-first page of a prefix is sorted from it alone, without the table.
        TermIndex.ExternalKey => order == HistorySortField.ExternalKey || (order == HistorySortField.IssuedAt && matching <= ExternalKeySortUpTo),
        TermIndex.ShortKey => order == HistorySortField.ShortKey,
        _ => false,
    };

    /// <summary><c>CASE WHEN term THEN 1 ELSE 0 END = 1</c>: the same condition, which no index can seek on either provider.</summary>
    private static Expression<Func<SessionKey, bool>> Unseekable(Expression<Func<SessionKey, bool>> term) =>
        Expression.Lambda<Func<SessionKey, bool>>(
            Expression.Equal(Expression.Condition(term.Body, Expression.Constant(1), Expression.Constant(0)), Expression.Constant(1)),
            term.Parameters);

    /// <summary>The index a filter term can seek (see SessionKeyConfiguration).</summary>
    private enum TermIndex
    {
        IssuedAt,
        ThenIssuedAt,
        IssuerThenIssuedAt,
        StateThenIssuedAt,
        UnusedByExpiry,
        ExternalKey,
        ShortKey,
    }

    /// <summary>The keys in <paramref name="state"/> at <paramref name="now"/>, as <see cref="KeyStates.Of(DateTimeOffset, DateTimeOffset?, DateTimeOffset?, DateTimeOffset)"/> decides.</summary>
    public static Expression<Func<SessionKey, bool>> InState(KeyState state, DateTimeOffset now) => state switch
    {
        KeyState.Active => k => k.RevokedAt == null && k.RedeemedAt == null && k.ExpiresAt > now,
        KeyState.Expired => k => k.RevokedAt == null && k.RedeemedAt == null && k.ExpiresAt <= now,
        KeyState.Redeemed => k => k.RevokedAt == null && k.RedeemedAt != null,
        KeyState.Revoked => k => k.RevokedAt != null,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown key state."),
    };

    /// <summary>
    /// Orders by the chosen column, then by id (or issue time and id) in the same direction, so pages never overlap.
    /// Each order is the order of an index (the id is the row id every SQLite index ends with), so a page is read
    /// from the index instead of sorting every matching key.
    /// </summary>
    public static IOrderedQueryable<SessionKey> OrderBy(this IQueryable<SessionKey> keys, HistorySort sort)
    {
        var descending = sort.Descending;
        return sort.Field switch
        {
            HistorySortField.IssuedAt => By(keys, k => k.IssuedAt, descending).Then(k => k.Id, descending),
            HistorySortField.ExpiresAt => By(keys, k => k.ExpiresAt, descending).Then(k => k.Id, descending),
            HistorySortField.ShortKey => By(keys, k => k.ShortKey, descending).Then(k => k.Id, descending),
            HistorySortField.ExternalKey => By(keys, k => k.ExternalKey, descending).Then(k => k.IssuedAt, descending).Then(k => k.Id, descending),
            HistorySortField.IssuedBy => By(keys, k => k.IssuedBy, descending).Then(k => k.IssuedAt, descending).Then(k => k.Id, descending),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort.Field, "Unknown sort column."),
        };
    }

    /// <summary>The grid's columns; <see cref="HistoryRow.State"/> is set by the reader, who knows the time.</summary>
    public static IQueryable<HistoryRow> SelectRows(this IQueryable<SessionKey> keys) => keys.Select(k => new HistoryRow
    {
        Id = k.Id,
        ShortKey = k.ShortKey,
        IssuedAt = k.IssuedAt,
        ExpiresAt = k.ExpiresAt,
        SiteId = k.SiteId,
        QueueKind = k.QueueKind,
        QueueId = k.QueueId,
        RequestedQueue = k.RequestedQueue,
        QueueTeamId = k.QueueTeamId,
        IssuerKind = k.IssuerKind,
        IssuedBy = k.IssuedBy,
        ExternalKey = k.ExternalKey,
        RedeemedAt = k.RedeemedAt,
        RedeemedSiteId = k.RedeemedSiteId,
        RevokedAt = k.RevokedAt,
    });

    /// <summary>Splits <c>user:NAME</c> / <c>api:CLIENT_ID</c>; a bare name matches either kind.</summary>
    public static (IssuerKind? Kind, string Name) ParseIssuer(string issuer) =>
        issuer.StartsWith("user:", StringComparison.OrdinalIgnoreCase) ? (IssuerKind.User, issuer[5..])
        : issuer.StartsWith("api:", StringComparison.OrdinalIgnoreCase) ? (IssuerKind.ApiAccount, issuer[4..])
        : (null, issuer);

    /// <summary>Parses <c>general</c>, <c>rep:ID</c>, <c>team:ID</c>, <c>embassy:ID</c>; null when it is none of them.</summary>
    public static (QueueKind Kind, int? Id)? ParseQueue(string queue)
    {
        if (string.Equals(queue, "general", StringComparison.OrdinalIgnoreCase)) return (QueueKind.General, null);
        var colon = queue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(queue.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) return null;
        return queue[..colon].ToLowerInvariant() switch
        {
            "rep" => (QueueKind.Rep, id),
            "team" => (QueueKind.Team, id),
            "embassy" => (QueueKind.Embassy, id),
            _ => null,
        };
    }

    /// <summary>Makes every character of <paramref name="text"/> literal in a LIKE pattern (SQL Server's [ included).</summary>
    public static string EscapeLike(string text) => text
        .Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
        .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
        .Replace("_", LikeEscape + "_", StringComparison.Ordinal)
        .Replace("[", LikeEscape + "[", StringComparison.Ordinal);

    private static IOrderedQueryable<SessionKey> By<TKey>(IQueryable<SessionKey> keys, Expression<Func<SessionKey, TKey>> column, bool descending) =>
        descending ? keys.OrderByDescending(column) : keys.OrderBy(column);

    private static IOrderedQueryable<SessionKey> Then<TKey>(this IOrderedQueryable<SessionKey> keys, Expression<Func<SessionKey, TKey>> column, bool descending) =>
        descending ? keys.ThenByDescending(column) : keys.ThenBy(column);
}
