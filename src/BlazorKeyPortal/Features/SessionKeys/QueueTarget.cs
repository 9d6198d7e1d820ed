using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>The queue a session will wait in, resolved from a <c>queue_id</c>.</summary>
/// <param name="Kind">What the <c>queue</c> element says: general, rep, team or embassy.</param>
/// <param name="Id">The numeric id of the rep, team or embassy; null for general.</param>
/// <param name="TeamId">The team behind the queue (team and issue queues), for history.</param>
public sealed record QueueTarget(QueueKind Kind, int? Id, int? TeamId)
{
    public static readonly QueueTarget General = new(QueueKind.General, null, null);

    /// <summary>The element text of <c>&lt;queue&gt;</c>.</summary>
    public string KindName => Kind switch
    {
        QueueKind.Rep => "rep",
        QueueKind.Team => "team",
        QueueKind.Embassy => "embassy",
        _ => "general",
    };
}

/// <summary>Either a resolved queue or the reason there is none.</summary>
public readonly record struct QueueResolution(QueueTarget? Target, string? Error);

/// <summary>Turns every form of <c>queue_id</c> the source document allows into a <see cref="QueueTarget"/>.</summary>
public static class QueueResolver
{
    public const string Forms = "general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE_NAME";

    public static QueueResolution Resolve(string? queueId, CatalogSnapshot catalog)
    {
        if (string.IsNullOrWhiteSpace(queueId))
        {
            return Fail($"queue_id is required: {Forms}");
        }
        if (queueId == "general")
        {
            return new(QueueTarget.General, null);
        }

        var colon = queueId.IndexOf(':');
        if (colon <= 0)
        {
            return Fail($"queue_id '{queueId}' is not a queue; use {Forms}");
        }
        var kind = queueId[..colon];
        var value = queueId[(colon + 1)..];
        return kind switch
        {
            "rep" => ResolveRep(queueId, value, catalog),
            "team" => ResolveTeam(queueId, value, catalog),
            "embassy" => ResolveEmbassy(queueId, value, catalog),
            "rep_username" => ResolveRepUsername(queueId, value, catalog),
            "issue" => ResolveIssue(queueId, value, catalog),
            _ => Fail($"queue_id '{queueId}' has an unknown queue kind '{kind}'; use {Forms}"),
        };
    }

    private static QueueResolution ResolveRep(string queueId, string value, CatalogSnapshot catalog)
    {
        if (!TryParseId(value, out var id)) return Fail($"queue_id '{queueId}': the representative id must be a positive whole number");
        if (!catalog.RepById.TryGetValue(id, out var rep)) return Fail($"queue_id '{queueId}': there is no representative with id {id}");
        if (!rep.IsEnabled) return Fail($"queue_id '{queueId}': representative {id} is disabled");
        return new(new QueueTarget(QueueKind.Rep, id, null), null);
    }

    private static QueueResolution ResolveTeam(string queueId, string value, CatalogSnapshot catalog)
    {
        if (!TryParseId(value, out var id)) return Fail($"queue_id '{queueId}': the team id must be a positive whole number");
        if (!catalog.TeamById.TryGetValue(id, out var team)) return Fail($"queue_id '{queueId}': there is no support team with id {id}");
        if (!team.IsEnabled) return Fail($"queue_id '{queueId}': support team {id} is disabled");
        return new(new QueueTarget(QueueKind.Team, id, id), null);
    }

    private static QueueResolution ResolveEmbassy(string queueId, string value, CatalogSnapshot catalog)
    {
        if (!TryParseId(value, out var id)) return Fail($"queue_id '{queueId}': the embassy id must be a positive whole number");
        if (!catalog.EmbassyById.TryGetValue(id, out var embassy)) return Fail($"queue_id '{queueId}': there is no embassy with id {id}");
        if (!embassy.IsEnabled) return Fail($"queue_id '{queueId}': embassy {id} is disabled");
        return new(new QueueTarget(QueueKind.Embassy, id, null), null);
    }

    private static QueueResolution ResolveRepUsername(string queueId, string username, CatalogSnapshot catalog)
    {
        if (username.Length == 0) return Fail($"queue_id '{queueId}': the username is missing");
        var matches = catalog.RepsByUsername[username].Where(r => r.IsEnabled).ToList();
        return matches.Count switch
        {
            0 => Fail($"queue_id '{queueId}': no representative has the username '{username}'"),
            1 => new(new QueueTarget(QueueKind.Rep, matches[0].Id, null), null),
            _ => Fail($"queue_id '{queueId}': {matches.Count} representatives share the username '{username}' (ids {string.Join(", ", matches.Select(r => r.Id))}); use rep:ID"),
        };
    }

    private static QueueResolution ResolveIssue(string queueId, string code, CatalogSnapshot catalog)
    {
        if (code.Length == 0) return Fail($"queue_id '{queueId}': the issue code name is missing");
        if (!catalog.IssueByCode.TryGetValue(code, out var issue)) return Fail($"queue_id '{queueId}': there is no issue with the code name '{code}'");
        if (!issue.IsEnabled) return Fail($"queue_id '{queueId}': issue '{code}' is disabled");
        if (!catalog.TeamById.TryGetValue(issue.TeamId, out var team) || !team.IsEnabled)
        {
            return Fail($"queue_id '{queueId}': the team that issue '{code}' routes to is disabled");
        }
        return new(new QueueTarget(QueueKind.Team, team.Id, team.Id), null);
    }

    private static bool TryParseId(string value, out int id) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static QueueResolution Fail(string error) => new(null, error);
}
