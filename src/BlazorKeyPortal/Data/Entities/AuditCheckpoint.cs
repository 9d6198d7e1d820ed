namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// A point up to which the audit chain was verified: the entry's sequence and hash, and when. Rows are only
/// inserted, never updated, so two processes verifying at once cannot overwrite each other; the checkpoint with
/// the highest sequence is the one the next verification starts from.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    /// <summary>The last entry the verification covered.</summary>
    public long Sequence { get; set; }
    /// <summary>That entry's hash, which fixes every entry before it through the chain.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset VerifiedAt { get; set; }
    /// <summary>Whether the verification walked the whole trail (not only the entries after the previous checkpoint).</summary>
    public bool Full { get; set; }
}
