using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.SupportQueue;

/// <summary>One session as the queue page shows it. <see cref="Since"/> is when it started waiting, or when it was accepted.</summary>
public sealed record QueueRow(long SessionId, string? CustomerName, string? ExternalKey, string SiteName, string QueueName, int? Priority, DateTimeOffset Since);

/// <summary>What a queue page shows: the sessions waiting in the user's queues, and the user's own sessions.</summary>
public sealed record QueueView(AgentQueues Agent, IReadOnlyList<QueueRow> Waiting, IReadOnlyList<QueueRow> Mine);

public enum QueueActionResult
{
    Done,
    NotFound,
    /// <summary>The session is not in one of the user's queues (or, to end it, not theirs).</summary>
    NotYours,
    /// <summary>Someone accepted it first.</summary>
    AlreadyTaken,
    /// <summary>The session has already ended.</summary>
    NotActive,
}

/// <summary>
/// Reads the agent's queues and accepts and ends sessions. Accepting is a check-then-update inside one work item of
/// the single writer, so of two agents who click at once exactly one gets the session; every change is audited and
/// then pushed to every open queue page through <see cref="SupportQueueNotifier"/>.
/// </summary>
public sealed class SupportQueueService(
    IDbContextFactory<PortalDbContext> contextFactory,
    DatabaseWriter writer,
    PortalCatalog catalog,
    SupportQueueNotifier notifier,
    TimeProvider time)
{
    public async Task<QueueView> LoadAsync(string userName, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var agent = AgentQueues.Of(userName, snapshot);
        if (!agent.IsRepresentative) return new QueueView(agent, [], []);

        var repIds = agent.RepIds.ToList();
        var teamIds = agent.TeamIds.ToList();
        var embassyIds = agent.EmbassyIds.ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.SupportSessions.AsNoTracking()
            .Where(s => s.Status == SupportSessionStatus.Waiting && (s.QueueKind == QueueKind.General
                || (s.QueueKind == QueueKind.Rep && repIds.Contains(s.QueueId!.Value))
                || (s.QueueKind == QueueKind.Team && teamIds.Contains(s.QueueId!.Value))
                || (s.QueueKind == QueueKind.Embassy && embassyIds.Contains(s.QueueId!.Value))))
            .Select(s => new SessionFacts(s.Id, s.CustomerName, s.ExternalKey, s.SiteId, s.QueueKind, s.QueueId, s.Priority, s.StartedAt))
            .ToListAsync(cancellationToken);
        var mine = await db.SupportSessions.AsNoTracking()
            .Where(s => s.Status == SupportSessionStatus.Active && s.AcceptedByRepId != null && repIds.Contains(s.AcceptedByRepId.Value))
            .Select(s => new SessionFacts(s.Id, s.CustomerName, s.ExternalKey, s.SiteId, s.QueueKind, s.QueueId, s.Priority, s.AcceptedAt!.Value))
            .ToListAsync(cancellationToken);

        // SQLite cannot order by DateTimeOffset; the lists are short, so they are ordered here.
        return new QueueView(agent,
            waiting.OrderBy(s => s.Priority ?? 2).ThenBy(s => s.Since).ThenBy(s => s.Id).Select(s => Row(s, snapshot)).ToList(),
            mine.OrderBy(s => s.Since).ThenBy(s => s.Id).Select(s => Row(s, snapshot)).ToList());
    }

    /// <summary>Takes a waiting session for the user, as the representative whose queue it is in.</summary>
    public async Task<QueueActionResult> AcceptAsync(string userName, long sessionId, CancellationToken cancellationToken = default)
    {
        var agent = AgentQueues.Of(userName, await catalog.GetAsync(cancellationToken));
        var result = await writer.WriteAsync(scope =>
        {
            var session = scope.Db.SupportSessions.SingleOrDefault(s => s.Id == sessionId);
            if (session is null) return QueueActionResult.NotFound;
            if (agent.RepFor(session.QueueKind, session.QueueId) is not { } rep) return QueueActionResult.NotYours;
            if (session.Status != SupportSessionStatus.Waiting) return QueueActionResult.AlreadyTaken;

            session.Status = SupportSessionStatus.Active;
            session.AcceptedByRepId = rep.Id;
            session.AcceptedBy = userName;
            session.AcceptedAt = time.GetUtcNow();
            scope.Audit(new AuditRecord($"user:{userName}", AuditActions.SessionAccepted, AuditSubjects.SupportSession, Id(sessionId),
                AuditRecord.Serialize(new { rep_id = rep.Id, rep = rep.Username })));
            return QueueActionResult.Done;
        }, cancellationToken);

        if (result == QueueActionResult.Done) notifier.Notify(new QueueChange(sessionId, SupportSessionStatus.Active));
        return result;
    }

    /// <summary>Ends a session that one of the user's representatives accepted.</summary>
    public async Task<QueueActionResult> EndAsync(string userName, long sessionId, CancellationToken cancellationToken = default)
    {
        var agent = AgentQueues.Of(userName, await catalog.GetAsync(cancellationToken));
        var result = await writer.WriteAsync(scope =>
        {
            var session = scope.Db.SupportSessions.SingleOrDefault(s => s.Id == sessionId);
            if (session is null) return QueueActionResult.NotFound;
            if (session.Status != SupportSessionStatus.Active) return QueueActionResult.NotActive;
            if (session.AcceptedByRepId is not int repId || !agent.RepIds.Contains(repId)) return QueueActionResult.NotYours;

            session.Status = SupportSessionStatus.Ended;
            session.EndedAt = time.GetUtcNow();
            scope.Audit(new AuditRecord($"user:{userName}", AuditActions.SessionEnded, AuditSubjects.SupportSession, Id(sessionId),
                AuditRecord.Serialize(new { rep_id = repId })));
            return QueueActionResult.Done;
        }, cancellationToken);

        if (result == QueueActionResult.Done) notifier.Notify(new QueueChange(sessionId, SupportSessionStatus.Ended));
        return result;
    }

    private static QueueRow Row(SessionFacts s, CatalogSnapshot snapshot) => new(
        s.Id, s.CustomerName, s.ExternalKey,
        snapshot.SiteById.TryGetValue(s.SiteId, out var site) ? site.Name : $"site {s.SiteId}",
        QueueName(s.QueueKind, s.QueueId, snapshot), s.Priority, s.Since);

    private static string QueueName(QueueKind kind, int? id, CatalogSnapshot snapshot) => kind switch
    {
        QueueKind.Rep when id is int rep && snapshot.RepById.TryGetValue(rep, out var r) => r.PrivateDisplayName,
        QueueKind.Team when id is int team && snapshot.TeamById.TryGetValue(team, out var t) => t.Name,
        QueueKind.Embassy when id is int embassy && snapshot.EmbassyById.TryGetValue(embassy, out var e) => e.Name,
        QueueKind.General => "General",
        _ => $"{kind.ToString().ToLowerInvariant()}:{id}",
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record SessionFacts(long Id, string? CustomerName, string? ExternalKey, int SiteId, QueueKind QueueKind, int? QueueId, int? Priority, DateTimeOffset Since);
}
