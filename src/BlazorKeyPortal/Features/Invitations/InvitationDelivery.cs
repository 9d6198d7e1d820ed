using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>
/// The outbox rows' changes while sending, each one piece of work on the single writer: claiming a row, and recording
/// that it was sent, that an attempt failed, or that the portal gave up on it (with the audit entry).
/// </summary>
public sealed class InvitationDelivery(DatabaseWriter writer, InvitationRetrySchedule schedule, InvitationEvents events, TimeProvider time)
{
    /// <summary>The actor of audit entries the sender writes.</summary>
    public const string Actor = "system:invitations";

    /// <summary>
    /// Claims a queued, due invitation for <paramref name="lease"/> and returns it, or null when it is not due or another
    /// process holds it. One conditional UPDATE decides, so of two processes that both saw the row due only one sends it.
    /// An invitation whose key was redeemed, revoked or expired meanwhile is failed here rather than sent with a dead link.
    /// </summary>
    public async Task<Invitation?> ClaimAsync(long id, TimeSpan lease, CancellationToken cancellationToken)
    {
        var (invitation, keyGone) = await writer.WriteAsync(scope =>
        {
            var now = time.GetUtcNow();
            var until = now + lease;
            var claimed = scope.Db.Invitations
                .Where(i => i.Id == id && i.Status == InvitationStatus.Queued && i.NextAttemptAt <= now && (i.ClaimedUntil == null || i.ClaimedUntil < now))
                .ExecuteUpdate(set => set.SetProperty(i => i.ClaimedUntil, until));
            if (claimed != 1) return (null, false);
            var row = scope.Db.Invitations.Single(i => i.Id == id);
            var key = scope.Db.SessionKeys.AsNoTracking().Single(k => k.Id == row.SessionKeyId);
            if (KeyStates.Of(key, now) is var state && state == KeyState.Active) return (row, false);

            row.Status = InvitationStatus.Failed;
            row.CompletedAt = now;
            row.ClaimedUntil = null;
            var happened = state == KeyState.Expired ? "expired" : $"was {KeyStates.Label(state).ToLowerInvariant()}";
            row.LastError = $"The key {happened} before the mail could be sent.";
            scope.Db.SaveChanges();
            scope.Audit(InvitationAudit.Record(Actor, AuditActions.InvitationFailed, row, row.LastError));
            return ((Invitation?)row, true);
        }, cancellationToken);
        if (!keyGone) return invitation;
        events.Completed(invitation!.SessionKeyId);
        return null;
    }

    public async Task SentAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(scope =>
        {
            var row = scope.Db.Invitations.Single(i => i.Id == invitation.Id);
            row.Status = InvitationStatus.Sent;
            row.Attempts++;
            row.CompletedAt = time.GetUtcNow();
            row.ClaimedUntil = null;
            row.LastError = null;
            scope.Db.SaveChanges();
            scope.Audit(InvitationAudit.Record(Actor, AuditActions.InvitationSent, row));
            return true;
        }, cancellationToken);
        events.Completed(invitation.SessionKeyId);
    }

    /// <summary>Records a failed attempt: the next one is scheduled, or the invitation is marked failed. Returns its status.</summary>
    public async Task<InvitationStatus> AttemptFailedAsync(Invitation invitation, string error, bool permanent, CancellationToken cancellationToken)
    {
        var status = await writer.WriteAsync(scope =>
        {
            var row = scope.Db.Invitations.Single(i => i.Id == invitation.Id);
            var now = time.GetUtcNow();
            row.Attempts++;
            row.ClaimedUntil = null;
            row.LastError = error.Length > 1000 ? error[..1000] : error;
            var next = permanent ? null : schedule.NextAttempt(row.QueuedAt, row.Attempts, now);
            if (next is { } at)
            {
                row.NextAttemptAt = at;
            }
            else
            {
                row.Status = InvitationStatus.Failed;
                row.CompletedAt = now;
            }
            scope.Db.SaveChanges();
            if (row.Status == InvitationStatus.Failed) scope.Audit(InvitationAudit.Record(Actor, AuditActions.InvitationFailed, row, row.LastError));
            return row.Status;
        }, cancellationToken);
        events.Completed(invitation.SessionKeyId);
        return status;
    }

    /// <summary>Gives a claim back at once (the portal is stopping mid-send), so the next start need not wait out the lease.</summary>
    public Task ReleaseAsync(Invitation invitation, CancellationToken cancellationToken) => writer.WriteAsync(scope =>
        scope.Db.Invitations.Where(i => i.Id == invitation.Id && i.Status == InvitationStatus.Queued)
            .ExecuteUpdate(set => set.SetProperty(i => i.ClaimedUntil, (DateTimeOffset?)null)), cancellationToken);
}
