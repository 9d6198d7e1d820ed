namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// One link of the append-only, hash-chained audit trail. <see cref="Sequence"/> is assigned by the single
/// writer without gaps, so a removed row is visible; <see cref="Hash"/> covers the canonical content and
/// <see cref="PreviousHash"/>, so a changed or reordered row is visible. The application never updates or
/// deletes a row.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>Who: <c>user:NAME</c>, <c>api:CLIENT_ID</c>, <c>customer:ADDRESS</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    /// <summary>What happened, as compact JSON (before/after for administrative changes).</summary>
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
