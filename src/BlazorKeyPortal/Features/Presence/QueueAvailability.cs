using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>
/// The <c>available</c> attribute of a queue, as the source document defines it: a rep queue is available
/// when that rep is logged in; a team, embassy or general queue when at least one of its reps is logged in
/// or the queue is persistent. An issue queue is its team's queue.
/// </summary>
public sealed class QueueAvailability(IRepresentativeLogins logins)
{
    public bool IsAvailable(QueueTarget target, CatalogSnapshot snapshot) =>
        IsAvailable(target, snapshot, logins.LoggedInReps(snapshot));

    public static bool IsAvailable(QueueTarget target, CatalogSnapshot snapshot, IReadOnlyDictionary<int, DateTimeOffset> loggedIn) =>
        target.Kind switch
        {
            QueueKind.General => loggedIn.Count > 0,
            QueueKind.Rep => target.Id is int repId && loggedIn.ContainsKey(repId),
            QueueKind.Team => target.Id is int teamId && snapshot.TeamById.TryGetValue(teamId, out var team)
                && (team.IsPersistent || team.MemberIds.Any(loggedIn.ContainsKey)),
            QueueKind.Embassy => target.Id is int embassyId && snapshot.EmbassyById.TryGetValue(embassyId, out var embassy)
                && (embassy.IsPersistent || embassy.MemberIds.Any(loggedIn.ContainsKey)),
            _ => false,
        };
}
