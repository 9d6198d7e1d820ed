using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.Administration;
using BlazorKeyPortal.Features.ReverseProxy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// A recipient as the page lists it, with how its deliveries stand; <paramref name="PausedForFailing"/> when the dispatcher
/// paused it (it failed for <see cref="WebhookOptions.PauseAfter"/>), rather than an administrator.
/// </summary>
public sealed record WebhookRecipientInfo(WebhookRecipient Recipient, int Pending, bool PausedForFailing);

/// <summary>
/// The Webhooks page's service: recipients are created, changed, paused, resumed and deleted through <see cref="AdminChanges"/>
/// (validated, audited without their secret), and a test event goes straight to the receiver and into its log.
/// </summary>
public sealed class WebhookAdministration(
    AdminChanges changes,
    WebhookRecipientFormValidator validator,
    WebhookSecrets secrets,
    WebhookSender sender,
    DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> contexts,
    PortalPublicOrigin origin,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    public const string SubjectType = "webhook_recipient";

    public async Task<IReadOnlyList<WebhookRecipientInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recipients = await db.WebhookRecipients.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var pending = await db.WebhookDeliveries.Where(d => d.State == DeliveryState.Pending).GroupBy(d => d.RecipientId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var pauseAfter = options.Value.PauseAfter;
        return recipients.Select(r => new WebhookRecipientInfo(r, pending.GetValueOrDefault(r.Id), r.PausedAt - r.FailingSince >= pauseAfter)).ToList();
    }

    /// <summary>The recipient's latest attempts, newest first.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> LogAsync(int recipientId, int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.RecipientId == recipientId).OrderByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a recipient; returns the secret when the portal generated it (shown once).</summary>
    public async Task<(AdminResult Result, string? GeneratedSecret)> CreateAsync(string actor, WebhookRecipientForm form, CancellationToken cancellationToken = default)
    {
        var generated = string.IsNullOrWhiteSpace(form.Secret) ? WebhookSecrets.Generate() : null;
        var protectedSecret = secrets.Protect(generated ?? form.Secret.Trim());
        var result = await changes.ApplyAsync(actor, SubjectType, form, validator, scope =>
        {
            var db = scope.Db;
            var now = time.GetUtcNow();
            if (!db.WebhookRecipients.Any()) WebhookFanOut.StartFromNow(db, now);
            var recipient = new WebhookRecipient
            {
                Name = form.Name.Trim(), Url = form.Url.Trim(), ProtectedSecret = protectedSecret,
                Events = WebhookEvents.Format(form.Events), SiteId = form.SiteId, CreatedAt = now,
            };
            db.WebhookRecipients.Add(recipient);
            db.SaveChanges();
            return new ChangeRecord(Id(recipient), "created", null, Describe(recipient));
        }, cancellationToken: cancellationToken);
        return (result, result.Succeeded ? generated : null);
    }

    /// <summary>Changes a recipient; a secret in the form replaces the current one, an empty one keeps it.</summary>
    public Task<AdminResult> UpdateAsync(string actor, WebhookRecipientForm form, CancellationToken cancellationToken = default)
    {
        var protectedSecret = string.IsNullOrWhiteSpace(form.Secret) ? null : secrets.Protect(form.Secret.Trim());
        return changes.ApplyAsync(actor, SubjectType, form, validator, scope =>
        {
            var recipient = Find(scope, form.Id);
            var before = Describe(recipient);
            recipient.Name = form.Name.Trim();
            recipient.Url = form.Url.Trim();
            recipient.Events = WebhookEvents.Format(form.Events);
            recipient.SiteId = form.SiteId;
            if (protectedSecret is not null) recipient.ProtectedSecret = protectedSecret;
            return new ChangeRecord(Id(recipient), protectedSecret is null ? "updated" : "updated with a new secret", before, Describe(recipient));
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the secret with a generated one and returns it (shown once).</summary>
    public async Task<string> RegenerateSecretAsync(string actor, int recipientId, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSecrets.Generate();
        var protectedSecret = secrets.Protect(secret);
        var result = await changes.ApplyAsync(actor, SubjectType, scope =>
        {
            var recipient = Find(scope, recipientId);
            recipient.ProtectedSecret = protectedSecret;
            return new ChangeRecord(Id(recipient), "secret regenerated", null, null);
        }, cancellationToken: cancellationToken);
        return result.Succeeded ? secret : throw new InvalidOperationException(string.Join(' ', result.Errors.Select(e => e.ErrorMessage)));
    }

    /// <summary>
    /// Stops deliveries to a recipient until it is resumed (a receiver being maintained or moved): its events keep being
    /// queued and wait, in order, with no attempt and so no retry period spent.
    /// </summary>
    public Task<AdminResult> PauseAsync(string actor, int recipientId, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, SubjectType, scope =>
        {
            var recipient = Find(scope, recipientId);
            if (recipient.PausedAt is not null) throw new AdminRefusalException("", $"Deliveries to '{recipient.Name}' are already paused.");
            var before = Describe(recipient);
            recipient.PausedAt = time.GetUtcNow();
            return new ChangeRecord(Id(recipient), "paused", before, Describe(recipient));
        }, cancellationToken: cancellationToken);

    /// <summary>Sends again after a pause: the waiting events are due at once and get another full retry period.</summary>
    public Task<AdminResult> ResumeAsync(string actor, int recipientId, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, SubjectType, scope =>
        {
            var recipient = Find(scope, recipientId);
            var before = Describe(recipient);
            recipient.PausedAt = null;
            recipient.FailingSince = null;
            var now = time.GetUtcNow();
            scope.Db.WebhookDeliveries.Where(d => d.RecipientId == recipientId && d.State == DeliveryState.Pending)
                .ExecuteUpdate(s => s.SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.FirstFailedAt, (DateTimeOffset?)null));
            return new ChangeRecord(Id(recipient), "resumed", before, Describe(recipient));
        }, cancellationToken: cancellationToken);

    /// <summary>Deletes a recipient with its waiting events and its log.</summary>
    public Task<AdminResult> DeleteAsync(string actor, int recipientId, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, SubjectType, scope =>
        {
            var recipient = Find(scope, recipientId);
            var before = Describe(recipient);
            scope.Db.WebhookAttempts.Where(a => a.RecipientId == recipientId).ExecuteDelete();
            scope.Db.WebhookDeliveries.Where(d => d.RecipientId == recipientId).ExecuteDelete();
            scope.Db.WebhookRecipients.Remove(recipient);
            return new ChangeRecord(Id(recipient), "deleted", before, null);
        }, cancellationToken: cancellationToken);

    /// <summary>Posts a signed <c>webhook.test</c> event to the recipient now and logs the attempt; the outbox is not involved.</summary>
    public async Task<AttemptOutcome> SendTestAsync(int recipientId, CancellationToken cancellationToken = default)
    {
        WebhookRecipient recipient;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            recipient = await db.WebhookRecipients.AsNoTracking().SingleAsync(r => r.Id == recipientId, cancellationToken);
        }
        var now = time.GetUtcNow();
        var eventId = $"test-{Guid.NewGuid():N}";
        var body = CloudEventBody.Create(eventId, WebhookEvents.Test, origin.Value.AbsoluteUri.TrimEnd('/') + "/", now, "test", null);
        var outcome = await sender.SendAsync(recipient.Url, secrets.Unprotect(recipient.ProtectedSecret), eventId, body, cancellationToken);
        await writer.WriteAsync(scope =>
        {
            if (!scope.Db.WebhookRecipients.Any(r => r.Id == recipientId)) return 0;
            scope.Db.WebhookAttempts.Add(new WebhookAttempt
            {
                RecipientId = recipientId, EventId = eventId, EventType = WebhookEvents.Test, AttemptedAt = time.GetUtcNow(),
                StatusCode = outcome.StatusCode, Succeeded = outcome.Succeeded, Error = outcome.Error,
                DurationMilliseconds = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            });
            return scope.Db.SaveChanges();
        }, CancellationToken.None);
        return outcome;
    }

    private static WebhookRecipient Find(WriteScope scope, int? id) =>
        scope.Db.WebhookRecipients.SingleOrDefault(r => r.Id == id) ?? throw new AdminRefusalException("", "The recipient no longer exists.");

    private static string Id(WebhookRecipient recipient) => recipient.Id.ToString(CultureInfo.InvariantCulture);

    // What the audit trail keeps of a recipient: never its secret.
    private static object Describe(WebhookRecipient r) => new { name = r.Name, url = r.Url, events = r.Events, site_id = r.SiteId, paused = r.PausedAt is not null };
}
