using System.Globalization;

namespace BlazorKeyPortal.Features.AuditTrail;

/// <summary>How the audit chain breaks at the first entry that does not verify.</summary>
public enum AuditBreakKind
{
    /// <summary>An entry's content no longer matches its hash, or the last entry differs from the one the portal wrote.</summary>
    Changed,
    /// <summary>Entries are missing: a gap in the sequence, a predecessor that is nowhere in the trail, or rows gone from the end.</summary>
    Removed,
    /// <summary>An entry is chained to another entry than the one before it.</summary>
    Reordered,
}

/// <summary>Where and how the chain breaks: <see cref="Sequence"/> is the first entry that does not verify.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakKind Kind, string Description);

/// <summary>The outcome of walking the audit chain: intact with a number of entries, or its first break.</summary>
public sealed record AuditVerification(long EntriesVerified, AuditBreak? Break, TimeSpan Duration)
{
    public bool IsIntact => Break is null;

    /// <summary>"Intact, 1,234 entries" or the description of the first break.</summary>
    public string Summary => Break is null
        ? string.Create(CultureInfo.InvariantCulture, $"Intact, {EntriesVerified:N0} {(EntriesVerified == 1 ? "entry" : "entries")}")
        : Break.Description;
}
