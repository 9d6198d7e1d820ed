using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.ReverseProxy;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// Fills the outbox: reads the audit trail after <see cref="WebhookCursor.AuditSequence"/> and the keys that expired
/// unused after <see cref="WebhookCursor.ExpiredThrough"/>, and queues one delivery per event and subscribed recipient.
/// The issuing path writes nothing for webhooks: the audit entry it writes anyway is the event. Reading happens off the
/// single writer; the writer only moves the cursor from the values read and inserts the rows, in one piece of work, so
/// of two processes that read the same entries exactly one queues them.
/// </summary>
public sealed class WebhookFanOut(
    DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> contexts,
    PortalPublicOrigin origin,
    TimeProvider time,
    ILogger<WebhookFanOut> logger)
{
    public const int BatchSize = 500;
    private const int CursorId = 1;

    /// <summary>Queues what happened since the last pass; returns how many deliveries it queued.</summary>
    public async Task<int> QueueAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken);
        if (plan is null) return 0;
        try
        {
            return await writer.WriteAsync(scope => Apply(scope, plan), cancellationToken);
        }
        catch (CursorMovedException)
        {
            // Another process queued these events first; the next pass starts where it left off.
            logger.LogDebug("Another process moved the webhook cursor first.");
            return 0;
        }
    }

    private sealed record Plan(WebhookCursor? From, long AuditSequence, DateTimeOffset ExpiredThrough, List<WebhookDelivery> Rows);

    private sealed record Subscriber(int Id, IReadOnlySet<string> Events, int? SiteId, DateTimeOffset CreatedAt);

    private sealed record Occurrence(string EventId, string EventName, long KeyId, DateTimeOffset At, long? SessionId);

    /// <summary>What to queue, read outside the writer; null when nothing happened or nobody listens.</summary>
    private async Task<Plan?> PlanAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subscribers = (await db.WebhookRecipients.AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => new Subscriber(r.Id, WebhookEvents.Parse(r.Events), r.SiteId, r.CreatedAt)).ToList();
        if (subscribers.Count == 0) return null; // an idle portal without recipients writes nothing
        var now = time.GetUtcNow();
        // The head first: every entry up to it is committed, since the chain commits in sequence order.
        var head = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var cursor = await db.WebhookCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CursorId, cancellationToken);
        if (cursor is null) return new Plan(null, head, now, []);

        var actions = WebhookEvents.ByAuditAction.Keys.ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence > cursor.AuditSequence && e.Sequence <= head && actions.Contains(e.Action))
            .OrderBy(e => e.Sequence).Take(BatchSize)
            .Select(e => new { e.Sequence, e.Action, e.SubjectType, e.SubjectId, e.OccurredAt })
            .ToListAsync(cancellationToken);
        var caughtUp = entries.Count < BatchSize;
        var auditSequence = caughtUp ? Math.Max(head, cursor.AuditSequence) : entries[^1].Sequence;

        var sessionIds = entries.Where(e => e.SubjectType == AuditSubjects.SupportSession).Select(e => Id(e.SubjectId)).OfType<long>().ToList();
        var sessions = await db.SupportSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id))
            .Select(s => new { s.Id, s.SessionKeyId, s.AcceptedBy }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var occurrences = new List<Occurrence>();
        foreach (var entry in entries)
        {
            var name = WebhookEvents.ByAuditAction[entry.Action];
            var eventId = $"audit-{entry.Sequence.ToString(CultureInfo.InvariantCulture)}";
            if (entry.SubjectType == AuditSubjects.SupportSession)
            {
                if (Id(entry.SubjectId) is { } sessionId && sessions.TryGetValue(sessionId, out var session))
                    occurrences.Add(new Occurrence(eventId, name, session.SessionKeyId, entry.OccurredAt, sessionId));
            }
            else if (Id(entry.SubjectId) is { } keyId)
            {
                occurrences.Add(new Occurrence(eventId, name, keyId, entry.OccurredAt, null));
            }
        }

        // Keys that expired unused: after the audit entries, so a key's key.issued is always queued before its key.expired.
        var expiredThrough = cursor.ExpiredThrough;
        if (caughtUp && now > cursor.ExpiredThrough)
        {
            (var expired, expiredThrough) = await ExpiredUnusedAsync(db, cursor.ExpiredThrough, now, cancellationToken);
            occurrences.AddRange(expired.Select(k =>
                new Occurrence($"expired-{k.Id.ToString(CultureInfo.InvariantCulture)}", WebhookEvents.KeyExpired, k.Id, k.ExpiresAt, null)));
        }
        // Nothing new: no write. Not moving ExpiredThrough past an empty range is safe, as no key can expire into the past.
        if (auditSequence == cursor.AuditSequence && occurrences.Count == 0) return null;

        var rows = await RowsAsync(db, occurrences, subscribers, sessions.ToDictionary(s => s.Key, s => s.Value.AcceptedBy), now, cancellationToken);
        return new Plan(cursor, auditSequence, expiredThrough, rows);
    }

    /// <summary>
    /// Keys that expired unused in (<paramref name="after"/>, <paramref name="now"/>], read through the unused keys' expiry
    /// index, and the instant they are complete up to. A full batch stops before its last instant, so that keys sharing
    /// an instant are never split between two passes; a batch all of one instant takes every key of that instant.
    /// </summary>
    private static async Task<(List<(long Id, DateTimeOffset ExpiresAt)> Keys, DateTimeOffset Through)> ExpiredUnusedAsync(
        PortalDbContext db, DateTimeOffset after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unused = db.SessionKeys.AsNoTracking().Where(k => k.RedeemedAt == null && k.RevokedAt == null);
        var batch = (await unused.Where(k => k.ExpiresAt > after && k.ExpiresAt <= now)
            .OrderBy(k => k.ExpiresAt).ThenBy(k => k.Id).Take(BatchSize)
            .Select(k => new { k.Id, k.ExpiresAt }).ToListAsync(cancellationToken))
            .Select(k => (k.Id, k.ExpiresAt)).ToList();
        if (batch.Count < BatchSize) return (batch, now);
        var last = batch[^1].ExpiresAt;
        var before = batch.Where(k => k.ExpiresAt < last).ToList();
        if (before.Count > 0) return (before, before[^1].ExpiresAt);
        var sameInstant = (await unused.Where(k => k.ExpiresAt == last).OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.ExpiresAt }).ToListAsync(cancellationToken)).Select(k => (k.Id, k.ExpiresAt)).ToList();
        return (sameInstant, last);
    }

    private async Task<List<WebhookDelivery>> RowsAsync(PortalDbContext db, List<Occurrence> occurrences, List<Subscriber> subscribers,
        Dictionary<long, string?> acceptedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookDelivery>();
        if (occurrences.Count == 0) return rows;
        var keyIds = occurrences.Select(o => o.KeyId).Distinct().ToList();
        var keys = await db.SessionKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, cancellationToken);
        var sites = await db.PublicSites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var source = origin.Value.AbsoluteUri.TrimEnd('/') + "/";
        foreach (var occurrence in occurrences)
        {
            // A key deleted by retention before its event was read has nothing left to say.
            if (!keys.TryGetValue(occurrence.KeyId, out var key)) continue;
            var takers = subscribers.Where(s => s.Events.Contains(occurrence.EventName) && s.CreatedAt <= occurrence.At
                && (s.SiteId is null || s.SiteId == key.SiteId)).ToList();
            if (takers.Count == 0) continue;
            var data = new KeyEventData(key.Id, key.ShortKey, key.KeyUrl, key.RequestedQueue, sites.GetValueOrDefault(key.SiteId, ""),
                key.IssuedBy, key.IssuerKind == IssuerKind.ApiAccount ? "api_account" : "user", key.ExternalKey, key.IssuedAt, key.ExpiresAt,
                key.RedeemedAt, key.RedeemedSiteId is int redeemedOn ? sites.GetValueOrDefault(redeemedOn) : null, key.RevokedAt,
                KeyStates.Of(key, now), occurrence.SessionId,
                occurrence.EventName == WebhookEvents.SessionAccepted && occurrence.SessionId is { } session ? acceptedBy.GetValueOrDefault(session) : null);
            var body = CloudEventBody.Create(occurrence.EventId, occurrence.EventName, source, occurrence.At,
                key.Id.ToString(CultureInfo.InvariantCulture), data);
            rows.AddRange(takers.Select(t => new WebhookDelivery
            {
                RecipientId = t.Id,
                EventId = occurrence.EventId,
                EventType = occurrence.EventName,
                KeyId = key.Id,
                Body = body,
                State = DeliveryState.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            }));
        }
        return rows;
    }

    /// <summary>On the writer: moves the cursor only from where this pass read it, then queues the rows.</summary>
    private static int Apply(WriteScope scope, Plan plan)
    {
        var db = scope.Db;
        if (plan.From is null)
        {
            if (db.WebhookCursors.Any(c => c.Id == CursorId)) throw new CursorMovedException();
            db.WebhookCursors.Add(new WebhookCursor { Id = CursorId, AuditSequence = plan.AuditSequence, ExpiredThrough = plan.ExpiredThrough });
            db.SaveChanges();
            return 0;
        }
        var moved = db.WebhookCursors
            .Where(c => c.Id == CursorId && c.AuditSequence == plan.From.AuditSequence && c.ExpiredThrough == plan.From.ExpiredThrough)
            .ExecuteUpdate(s => s.SetProperty(c => c.AuditSequence, plan.AuditSequence).SetProperty(c => c.ExpiredThrough, plan.ExpiredThrough));
        if (moved == 0) throw new CursorMovedException();
        // A recipient deleted since the plan was read takes no rows.
        var live = db.WebhookRecipients.Select(r => r.Id).ToHashSet();
        var rows = plan.Rows.Where(r => live.Contains(r.RecipientId)).ToList();
        db.WebhookDeliveries.AddRange(rows);
        db.SaveChanges();
        return rows.Count;
    }

    /// <summary>
    /// On the writer, when the first recipient is created: the cursor starts at the audit trail's head and now, so the
    /// outbox never replays history from before anyone listened.
    /// </summary>
    internal static void StartFromNow(PortalDbContext db, DateTimeOffset now)
    {
        var head = db.AuditEntries.Max(e => (long?)e.Sequence) ?? 0;
        var updated = db.WebhookCursors.Where(c => c.Id == CursorId)
            .ExecuteUpdate(s => s.SetProperty(c => c.AuditSequence, head).SetProperty(c => c.ExpiredThrough, now));
        if (updated == 0)
        {
            db.WebhookCursors.Add(new WebhookCursor { Id = CursorId, AuditSequence = head, ExpiredThrough = now });
        }
    }

    private static long? Id(string? subjectId) => long.TryParse(subjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private sealed class CursorMovedException() : Exception("The webhook cursor moved since it was read.");
}
