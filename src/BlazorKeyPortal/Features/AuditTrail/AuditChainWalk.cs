using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.AuditTrail;

/// <summary>
/// One walk along the audit chain in sequence order, from a point already trusted (the genesis, a checkpoint or a
/// witnessed hash) to the head. Entries are streamed, so memory stays flat however long the trail is.
/// </summary>
internal static class AuditChainWalk
{
    /// <summary>How many entries pass between two progress reports.</summary>
    public const int ProgressEvery = 1_000;

    /// <summary>Where a walk starts: the trusted entry (0 and the genesis hash for the whole trail) and how it is named in a break.</summary>
    public sealed record Start(ChainHead Trusted, string Source)
    {
        public static Start Genesis { get; } = new(new ChainHead(0, AuditChain.GenesisHash), "");
    }

    /// <summary>A checkpoint the walk passes: the entry there must still be the one it names.</summary>
    public sealed record Mark(ChainHead Expected, string Source);

    public static async Task<(long Verified, AuditBreak? Break)> WalkAsync(PortalDbContext db, Start start, ChainHead head, Mark? mark,
        IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        var trusted = start.Trusted;
        if (trusted.Sequence > 0 && await TrustedEntryBreakAsync(db, start, cancellationToken) is { } broken) return (trusted.Sequence - 1, broken);

        var entries = db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence > trusted.Sequence && e.Sequence <= head.Sequence)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();

        var verified = trusted.Sequence;
        var previousHash = trusted.Hash;
        progress?.Report(new(verified, head.Sequence));
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            var expected = verified + 1;
            if (entry.Sequence != expected)
            {
                return (verified, new AuditBreak(expected, AuditBreakKind.Removed, Gap(expected, entry.Sequence - 1, $"the trail jumps from entry #{verified} to entry #{entry.Sequence}")));
            }
            if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return (verified, new AuditBreak(entry.Sequence, AuditBreakKind.Changed,
                    Invariant($"Entry #{entry.Sequence} was changed: its content no longer matches its hash.")));
            }
            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return (verified, await MisplacedAsync(db, entry, cancellationToken));
            }
            if (mark is { } passed && entry.Sequence == passed.Expected.Sequence && !string.Equals(entry.Hash, passed.Expected.Hash, StringComparison.Ordinal))
            {
                // Internally a valid chain, but not the one verified earlier: rewritten, hashes and all.
                return (verified, Rewritten(entry.Sequence, passed.Source));
            }
            previousHash = entry.Hash;
            verified++;
            if (verified % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new(verified, head.Sequence));
            }
        }
        progress?.Report(new(verified, head.Sequence));

        if (verified < head.Sequence)
        {
            return (verified, new AuditBreak(verified + 1, AuditBreakKind.Removed,
                Gap(verified + 1, head.Sequence, $"the portal wrote {head.Sequence:N0} entries and the trail ends after #{verified}")));
        }
        if (verified > 0 && !string.Equals(previousHash, head.Hash, StringComparison.Ordinal))
        {
            // Content and hash were rewritten together; only the writer's memory of the head still knows.
            return (verified - 1, new AuditBreak(verified, AuditBreakKind.Changed,
                Invariant($"Entry #{verified} was changed: it is not the entry the portal wrote last.")));
        }
        return (verified, null);
    }

    /// <summary>The entry a walk starts after must be there, unchanged, and still the one trusted.</summary>
    private static async Task<AuditBreak?> TrustedEntryBreakAsync(PortalDbContext db, Start start, CancellationToken cancellationToken)
    {
        var sequence = start.Trusted.Sequence;
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);
        if (entry is null)
        {
            return new AuditBreak(sequence, AuditBreakKind.Removed, Invariant($"Entry #{sequence}, the entry of {start.Source}, is no longer in the trail."));
        }
        if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
        {
            return new AuditBreak(sequence, AuditBreakKind.Changed, Invariant($"Entry #{sequence} was changed: its content no longer matches its hash."));
        }
        return string.Equals(entry.Hash, start.Trusted.Hash, StringComparison.Ordinal) ? null : Rewritten(sequence, start.Source);
    }

    private static AuditBreak Rewritten(long sequence, string source) => new(sequence, AuditBreakKind.Changed,
        Invariant($"Entry #{sequence} is not the entry of {source}: the trail up to it was rewritten after the checkpoint was taken."));

    /// <summary>
    /// The entry verifies on its own but does not follow its predecessor. If the hash it names belongs to another
    /// entry, the two were reordered; if it belongs to none, the entry it followed is gone.
    /// </summary>
    private static async Task<AuditBreak> MisplacedAsync(PortalDbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        // One scan, only once a break is found: an index on Hash would cost every write for this one query.
        var owner = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Hash == entry.PreviousHash)
            .Select(e => (long?)e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        var previous = entry.Sequence - 1;
        return owner is { } sequence
            ? new AuditBreak(entry.Sequence, AuditBreakKind.Reordered,
                Invariant($"Entry #{entry.Sequence} was reordered: it was chained after entry #{sequence}, not after entry #{previous}."))
            : new AuditBreak(entry.Sequence, AuditBreakKind.Removed,
                Invariant($"Entry #{entry.Sequence} does not follow entry #{previous}: the entry it was chained after is no longer in the trail (removed, or rewritten together with its hash)."));
    }

    private static string Gap(long first, long last, FormattableString how) => first == last
        ? Invariant($"Entry #{first} was removed: {Invariant(how)}.")
        : Invariant($"Entries #{first}–#{last} were removed: {Invariant(how)}.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
