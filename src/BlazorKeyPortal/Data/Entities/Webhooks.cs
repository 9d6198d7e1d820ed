namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// An HTTP endpoint that receives the portal's outbound events (CloudEvents, signed with its secret). Events that
/// happened before it was created are never sent to it.
/// </summary>
public sealed class WebhookRecipient
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>An absolute http or https URL; redirects are not followed.</summary>
    public required string Url { get; set; }
    /// <summary>The signing secret, protected with Data Protection (the key ring lives in the database).</summary>
    public required string ProtectedSecret { get; set; }
    /// <summary>The subscribed event names (<c>key.issued</c>…), comma-separated.</summary>
    public required string Events { get; set; }
    /// <summary>Only keys issued for this public site; null for every site.</summary>
    public int? SiteId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The first failure since the last successful delivery; null while deliveries succeed.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    /// <summary>Set when it has failed for <c>Webhooks:PauseAfter</c>; nothing is sent until an administrator resumes it.</summary>
    public DateTimeOffset? PausedAt { get; set; }
}

/// <summary>
/// One event for one recipient, in the durable outbox. Its body is fixed when it is queued, so every retry sends
/// the same event id and data; a process claims it with a lease before sending, so two processes never send it at once.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public int RecipientId { get; set; }
    /// <summary>The CloudEvents id: the same on every retry and for every recipient of the event.</summary>
    public required string EventId { get; set; }
    /// <summary>The bare event name, e.g. <c>key.issued</c>.</summary>
    public required string EventType { get; set; }
    /// <summary>The key the event is about; deliveries of one key to one recipient go out in id order.</summary>
    public long KeyId { get; set; }
    /// <summary>The CloudEvent as sent (structured JSON).</summary>
    public required string Body { get; set; }
    public DeliveryState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? FirstFailedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>The claim of the process sending it now, valid until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

public enum DeliveryState
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Failed for <c>Webhooks:PauseAfter</c> while the recipient took other events; later events of its key go on.</summary>
    Abandoned = 2,
}

/// <summary>One attempt to deliver an event (or a test event), for the recipient's delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public int RecipientId { get; set; }
    public long? DeliveryId { get; set; }
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    /// <summary>The HTTP status code of the answer; null when there was none (refused connection, timeout).</summary>
    public int? StatusCode { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>Why it failed when there was no answer, or which redirect was not followed.</summary>
    public string? Error { get; set; }
    public int DurationMilliseconds { get; set; }
}

/// <summary>
/// How far the outbox has been filled: the last audit entry read and the expiry instant swept up to. One row; a
/// process advances it only from the values it read, so two processes never queue the same event twice.
/// </summary>
public sealed class WebhookCursor
{
    public int Id { get; set; }
    public long AuditSequence { get; set; }
    public DateTimeOffset ExpiredThrough { get; set; }
}
