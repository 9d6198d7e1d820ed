namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// An issued session key. Kept for ever (history is the product) unless <c>Retention:KeyDays</c> is set; its audit
/// entries outlive it either way.
/// </summary>
public sealed class SessionKey
{
    public long Id { get; set; }
    public required string ShortKey { get; set; }
    /// <summary>
    /// Equal to <see cref="ShortKey"/> while the key can still be redeemed, null once it is used, revoked or
    /// swept after expiry. A unique index on it keeps short keys unique among live keys only.
    /// </summary>
    public string? LiveShortKey { get; set; }
    /// <summary>128 random bits as 32 lower-case hex characters; the <c>ak</c> of the key URL.</summary>
    public required string AccessKey { get; set; }
    public string SessionType { get; set; } = "support";

    public QueueKind QueueKind { get; set; }
    /// <summary>Numeric id of the rep, team or embassy queue; null for general.</summary>
    public int? QueueId { get; set; }
    /// <summary>The queue as the caller named it, e.g. <c>issue:other</c> or <c>rep_username:admin</c>.</summary>
    public required string RequestedQueue { get; set; }
    /// <summary>The team the queue belongs to (team queues and issues), for history filters.</summary>
    public int? QueueTeamId { get; set; }

    public string? ExternalKey { get; set; }
    /// <summary>Custom fields as a JSON object of code name → value.</summary>
    public string? CustomFieldsJson { get; set; }
    public int? Priority { get; set; }
    /// <summary>Skill code names, comma-separated.</summary>
    public string? Skills { get; set; }

    public int TtlSeconds { get; set; }
    public bool TtlWasGiven { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public int SiteId { get; set; }
    public PublicSite? Site { get; set; }
    public required string UrlHostname { get; set; }
    public required string KeyUrl { get; set; }
    public bool AvailableAtIssue { get; set; }

    public IssuerKind IssuerKind { get; set; }
    /// <summary>The portal user name or the API account's client id.</summary>
    public required string IssuedBy { get; set; }
    public int? ApiAccountId { get; set; }
    /// <summary>Where the key came from: this portal's own authority or a BeyondTrust appliance.</summary>
    public KeyOrigin Origin { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }
    public int? RedeemedSiteId { get; set; }
    public PublicSite? RedeemedSite { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
}

public enum QueueKind
{
    General = 0,
    Rep = 1,
    Team = 2,
    Embassy = 3,
}

public enum IssuerKind
{
    User = 0,
    ApiAccount = 1,
}

public enum KeyOrigin
{
    Embedded = 0,
    Appliance = 1,
}

/// <summary>A customer's support session, created when a key is redeemed.</summary>
public sealed class SupportSession
{
    public long Id { get; set; }
    public long SessionKeyId { get; set; }
    public SessionKey? SessionKey { get; set; }
    /// <summary>The site the session belongs to: where the key was entered, or the key URL's site.</summary>
    public int SiteId { get; set; }
    public PublicSite? Site { get; set; }
    public RedemptionMethod Method { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    public QueueKind QueueKind { get; set; }
    public int? QueueId { get; set; }
    public int? QueueTeamId { get; set; }

    // Effective attributes: the key's, overwritten by those given at redemption.
    public string? CustomerName { get; set; }
    public string? CustomerCompany { get; set; }
    public string? CustomerCompanyCode { get; set; }
    public string? ExternalKey { get; set; }
    public string? CustomFieldsJson { get; set; }
    public int? Priority { get; set; }
    public string? Skills { get; set; }

    public SupportSessionStatus Status { get; set; }
    public int? AcceptedByRepId { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

public enum RedemptionMethod
{
    ShortKeyEntry = 0,
    KeyUrl = 1,
    Api = 2,
}

public enum SupportSessionStatus
{
    Waiting = 0,
    Active = 1,
    Ended = 2,
}
