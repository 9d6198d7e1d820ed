namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// An invitation email for a session key, in the outbox until the SMTP server accepted it. The row is written before
/// anything is sent, so a restart loses no queued mail, and any portal process on the database may send it once it has
/// claimed the row (<see cref="ClaimedUntil"/>).
/// </summary>
public sealed class Invitation
{
    public long Id { get; set; }

    /// <summary>The key the invitation is for; deleting the key (retention) deletes its invitations.</summary>
    public long SessionKeyId { get; set; }

    /// <summary>The customer's address, as entered and validated.</summary>
    public required string Recipient { get; set; }

    /// <summary>The language the agent picked (<c>en</c>, <c>de</c>, …); the text below is already in it.</summary>
    public required string Language { get; set; }

    /// <summary>The subject and plain-text body, filled in when queued; the HTML part is made from the body when sent.</summary>
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The portal user who asked for it.</summary>
    public required string RequestedBy { get; set; }

    public InvitationStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }

    /// <summary>When the next attempt is due; attempts that failed push it out (exponential backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>
    /// While in the future, one process is sending this mail and no other may claim it. A process that died while
    /// sending leaves a time in the past, and the mail is claimed again.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the SMTP server accepted the mail, or when the portal gave up on it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the last attempt failed, for the operator.</summary>
    public string? LastError { get; set; }
}

public enum InvitationStatus
{
    Queued,
    Sent,
    Failed,
}
