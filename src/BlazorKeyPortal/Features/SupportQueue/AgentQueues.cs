using System.Security.Claims;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SupportQueue;

/// <summary>
/// The queues a portal user works in: the rep queues of the representatives they act as, those reps' teams and
/// embassies, and the general queue. A user linked to no enabled representative has no queue.
/// </summary>
public sealed class AgentQueues
{
    private AgentQueues(string userName, IReadOnlyList<RepInfo> reps)
    {
        UserName = userName;
        Reps = reps;
        RepIds = reps.Select(r => r.Id).ToHashSet();
        TeamIds = reps.SelectMany(r => r.TeamIds).ToHashSet();
        EmbassyIds = reps.SelectMany(r => r.EmbassyIds).ToHashSet();
    }

    public string UserName { get; }
    public IReadOnlyList<RepInfo> Reps { get; }
    public IReadOnlySet<int> RepIds { get; }
    public IReadOnlySet<int> TeamIds { get; }
    public IReadOnlySet<int> EmbassyIds { get; }
    public bool IsRepresentative => Reps.Count > 0;

    public static AgentQueues Of(string userName, CatalogSnapshot snapshot) =>
        new(userName, snapshot.RepsByPortalUser[userName].Where(r => r.IsEnabled).ToList());

    /// <summary>The representative who takes a session of this queue for the user, or null when the queue is not theirs.</summary>
    public RepInfo? RepFor(QueueKind kind, int? queueId) => kind switch
    {
        QueueKind.General => Reps.Count > 0 ? Reps[0] : null,
        QueueKind.Rep => Reps.FirstOrDefault(r => r.Id == queueId),
        QueueKind.Team => Reps.FirstOrDefault(r => queueId is int team && r.TeamIds.Contains(team)),
        QueueKind.Embassy => Reps.FirstOrDefault(r => queueId is int embassy && r.EmbassyIds.Contains(embassy)),
        _ => null,
    };

    /// <summary>The sign-in name as OIDC gives it (<c>preferred_username</c>), else the identity's name.</summary>
    public static string? UserNameOf(ClaimsPrincipal user) => SignIn.PortalClaims.ActingNameOf(user);
}
