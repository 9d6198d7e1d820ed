using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;

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
/// <param name="CheckedFrom">The first entry this walk checked: 1, or the one after the checkpoint it started from.</param>
public sealed record AuditVerification(long EntriesVerified, AuditBreak? Break, TimeSpan Duration, long CheckedFrom = 1)
{
    public bool IsIntact => Break is null;

    /// <summary>"Intact, 1,234 entries", with how many were new since the checkpoint it started from, or the first break.</summary>
    public string Summary => Break is not null ? Break.Description
        : CheckedFrom > 1 ? string.Create(CultureInfo.InvariantCulture, $"Intact, {EntriesVerified:N0} entries ({EntriesVerified - CheckedFrom + 1:N0} new since the checkpoint at entry #{CheckedFrom - 1:N0})")
        : string.Create(CultureInfo.InvariantCulture, $"Intact, {EntriesVerified:N0} {(EntriesVerified == 1 ? "entry" : "entries")}");
}

/// <summary>How far a full verification got: <see cref="Checked"/> of <see cref="Total"/> entries.</summary>
public readonly record struct AuditVerificationProgress(long Checked, long Total)
{
    /// <summary>0–100, for a progress bar.</summary>
    public double Percent => Total == 0 ? 100 : 100.0 * Checked / Total;
}

/// <summary>A checkpoint as text an external system can keep and give back: <c>SEQUENCE:HASH</c>.</summary>
public static class AuditCheckpointText
{
    public static string Of(AuditCheckpoint checkpoint) => string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Sequence}:{checkpoint.Hash}");

    /// <summary>Reads <c>SEQUENCE:HASH</c> (64 hex digits); false for anything else.</summary>
    public static bool TryParse(string? text, out ChainHead checkpoint)
    {
        checkpoint = default;
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence <= 0) return false;
        var hash = parts[1].ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)) return false;
        checkpoint = new ChainHead(sequence, hash);
        return true;
    }
}
