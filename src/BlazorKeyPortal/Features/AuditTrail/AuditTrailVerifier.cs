using System.Diagnostics;
using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.AuditTrail;

/// <summary>
/// Walks the audit chain in sequence order and reports "intact, N entries" or the first entry where it breaks
/// and how. Entries are streamed, so memory stays flat however long the trail is.
/// </summary>
public sealed class AuditTrailVerifier(IDbContextFactory<PortalDbContext> contextFactory, DatabaseWriter writer, AuditChain chain, TimeProvider time)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        // Read on the writer's thread inside a batch, the witnessed head is one that has committed (by this process or
        // another): entries appended while the walk runs lie beyond it and are left for the next verification.
        var head = await writer.WriteAsync(_ => chain.Witnessed, cancellationToken);
        // Microsoft.Data.Sqlite completes "async" reads synchronously; the walk runs on the thread pool so that
        // a circuit that asked for it keeps rendering.
        var (verified, firstBreak) = await Task.Run(async () =>
        {
            await using var db = contextFactory.CreateDbContext();
            return await WalkAsync(db, head, cancellationToken);
        }, cancellationToken);
        return new AuditVerification(verified, firstBreak, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Verifies the whole trail of a database no portal is writing to (a backup): its last entry stands in for the
    /// writer's head, so a rewrite of the last entry together with its hash cannot be told from the original here.
    /// </summary>
    public static async Task<AuditVerification> VerifyStoredTrailAsync(PortalDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence, e.Hash)).FirstOrDefaultAsync(cancellationToken);
        var head = last == default ? new ChainHead(0, AuditChain.GenesisHash) : last;
        var (verified, firstBreak) = await WalkAsync(db, head, cancellationToken);
        return new AuditVerification(verified, firstBreak, time.GetElapsedTime(started));
    }

    private static async Task<(long Verified, AuditBreak? Break)> WalkAsync(PortalDbContext db, ChainHead head, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking()
            .Where(e => e.Sequence <= head.Sequence)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();

        long verified = 0;
        var previousHash = AuditChain.GenesisHash;
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
            previousHash = entry.Hash;
            verified++;
        }

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
