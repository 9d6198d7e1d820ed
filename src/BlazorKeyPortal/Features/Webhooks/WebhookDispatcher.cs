using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// Sends what the outbox holds: claims due deliveries with a lease (a conditional update, so of two processes exactly one
/// wins each row), posts them, and records each attempt. A key's later event to a recipient waits until every earlier one
/// to that recipient has been delivered (or given up), so a receiver sees each key's events in order.
/// </summary>
public sealed class WebhookDispatcher(
    DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> contexts,
    WebhookSender sender,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    private sealed record Claimed(long Id, int RecipientId, string RecipientName, string Url, string ProtectedSecret, string EventId, string EventType, string Body, string Lease);

    /// <summary>Claims and sends the deliveries that are due; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0) return 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelDeliveries, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, async (delivery, token) =>
        {
            var outcome = await sender.SendAsync(delivery.Url, secrets.Unprotect(delivery.ProtectedSecret), delivery.EventId, delivery.Body, token);
            // Recorded even when the host is stopping: the attempt happened.
            await writer.WriteAsync(scope => Record(scope, delivery, outcome), CancellationToken.None);
        });
        return claimed.Count;
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await Claimable(db, now).OrderBy(d => d.Id).Take(options.Value.MaxParallelDeliveries * 4).Select(d => d.Id).ToListAsync(cancellationToken);
        }
        if (due.Count == 0) return [];

        var lease = Guid.NewGuid().ToString("N");
        var leaseUntil = now + options.Value.Lease;
        // Checked again on the writer, inside the update: only a row still pending, unleased and first of its key is taken.
        var taken = await writer.WriteAsync(scope => Claimable(scope.Db, now).Where(d => due.Contains(d.Id))
            .ExecuteUpdate(s => s.SetProperty(d => d.LeaseOwner, lease).SetProperty(d => d.LeaseUntil, leaseUntil)), cancellationToken);
        if (taken == 0) return [];

        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await read.WebhookDeliveries.AsNoTracking().Where(d => d.LeaseOwner == lease).OrderBy(d => d.Id)
            .Join(read.WebhookRecipients, d => d.RecipientId, r => r.Id,
                (d, r) => new Claimed(d.Id, r.Id, r.Name, r.Url, r.ProtectedSecret, d.EventId, d.EventType, d.Body, lease))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Pending, due, not leased, to a recipient that is not paused, and with no earlier pending event of its key.</summary>
    private static IQueryable<WebhookDelivery> Claimable(PortalDbContext db, DateTimeOffset now) =>
        db.WebhookDeliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now
            && (d.LeaseUntil == null || d.LeaseUntil < now)
            && db.WebhookRecipients.Any(r => r.Id == d.RecipientId && r.PausedAt == null)
            && !db.WebhookDeliveries.Any(e => e.RecipientId == d.RecipientId && e.KeyId == d.KeyId && e.Id < d.Id && e.State == DeliveryState.Pending));

    private int Record(WriteScope scope, Claimed delivery, AttemptOutcome outcome)
    {
        var db = scope.Db;
        var now = time.GetUtcNow();
        var recipient = db.WebhookRecipients.SingleOrDefault(r => r.Id == delivery.RecipientId);
        if (recipient is null) return 0; // deleted while the attempt ran, with its outbox and log
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            RecipientId = delivery.RecipientId,
            DeliveryId = delivery.Id,
            EventId = delivery.EventId,
            EventType = delivery.EventType,
            AttemptedAt = now,
            StatusCode = outcome.StatusCode,
            Succeeded = outcome.Succeeded,
            Error = outcome.Error,
            DurationMilliseconds = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
        });
        if (outcome.Succeeded) recipient.FailingSince = null;
        else recipient.FailingSince ??= now;

        // A lease that ran out went to another process, which owns the row now; this attempt is only logged.
        var row = db.WebhookDeliveries.SingleOrDefault(d => d.Id == delivery.Id && d.LeaseOwner == delivery.Lease);
        if (row is not null)
        {
            row.Attempts++;
            row.LeaseOwner = null;
            row.LeaseUntil = null;
            if (outcome.Succeeded)
            {
                row.State = DeliveryState.Delivered;
                row.DeliveredAt = now;
            }
            else
            {
                row.FirstFailedAt ??= now;
                row.NextAttemptAt = now + RetryDelay(row.Attempts, options.Value);
                var pauseAfter = options.Value.PauseAfter;
                if (recipient.PausedAt is null && now - recipient.FailingSince >= pauseAfter)
                {
                    recipient.PausedAt = now;
                    logger.LogWarning("Webhook recipient {Name} ({Url}) is paused: it has failed since {FailingSince:O}.", recipient.Name, recipient.Url, recipient.FailingSince);
                }
                else if (recipient.PausedAt is null && now - row.FirstFailedAt >= pauseAfter)
                {
                    // The recipient takes other events but refuses this one: give it up so the key's later events can go.
                    row.State = DeliveryState.Abandoned;
                    logger.LogWarning("Webhook event {EventId} to {Name} was given up after failing since {FirstFailedAt:O}.", row.EventId, recipient.Name, row.FirstFailedAt);
                }
            }
        }
        db.SaveChanges();
        return 1;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt: doubling from the first delay, up to the longest.</summary>
    public static TimeSpan RetryDelay(int attempts, WebhookOptions options)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = options.FirstRetryDelay * Math.Pow(2, doublings);
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    /// <summary>Deletes delivered and given-up events and attempts older than <see cref="WebhookOptions.LogDays"/>.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - TimeSpan.FromDays(options.Value.LogDays);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Looked at first, so that a portal without webhooks never writes for them.
            if (!await db.WebhookAttempts.AnyAsync(a => a.AttemptedAt < before, cancellationToken)
                && !await db.WebhookDeliveries.AnyAsync(d => d.State != DeliveryState.Pending && d.CreatedAt < before, cancellationToken)) return 0;
        }
        return await writer.WriteAsync(scope =>
            scope.Db.WebhookAttempts.Where(a => a.AttemptedAt < before).ExecuteDelete()
            + scope.Db.WebhookDeliveries.Where(d => d.State != DeliveryState.Pending && d.CreatedAt < before).ExecuteDelete(), cancellationToken);
    }
}
