using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.AuditTrail;

/// <summary>
/// Verifies the hash-chained audit trail and keeps verified checkpoints: "Verify audit trail" walks only the entries
/// after the latest checkpoint; a full verification walks all of them (with progress, cancellable) and still checks
/// that the entry at the latest checkpoint is the one verified then; a checkpoint an external system witnessed proves
/// that the trail up to it was not rewritten since, checkpoints included. Every new checkpoint is logged under
/// <see cref="AuditEventLog.Category"/> so that it can be witnessed.
/// </summary>
public sealed class AuditTrailVerifier(IDbContextFactory<PortalDbContext> contextFactory, DatabaseWriter writer, AuditChain chain, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(AuditEventLog.Category);

    /// <summary>Checks the entries after the latest checkpoint (all of them when there is none) and records a new checkpoint.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var latest = await LatestCheckpointAsync(cancellationToken);
        var start = latest is null ? AuditChainWalk.Start.Genesis : new AuditChainWalk.Start(new(latest.Sequence, latest.Hash), CheckpointName(latest));
        return await RunAsync(start, mark: null, full: latest is null, progress: null, cancellationToken);
    }

    /// <summary>
    /// Checks every entry from the first, reporting progress; the entry at the latest checkpoint must still be the one
    /// verified then. A cancelled walk records nothing.
    /// </summary>
    public async Task<AuditVerification> VerifyFullyAsync(IProgress<AuditVerificationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var latest = await LatestCheckpointAsync(cancellationToken);
        var mark = latest is null ? null : new AuditChainWalk.Mark(new(latest.Sequence, latest.Hash), CheckpointName(latest));
        return await RunAsync(AuditChainWalk.Start.Genesis, mark, full: true, progress, cancellationToken);
    }

    /// <summary>
    /// Checks that the trail still holds <paramref name="witnessed"/> (a checkpoint an external system kept: sequence and
    /// hash) and that every entry after it links on. The hash chain fixes every entry before it, so a trail rewritten
    /// as a whole, with valid hashes and fresh checkpoints, no longer matches.
    /// </summary>
    public Task<AuditVerification> VerifyAgainstWitnessAsync(ChainHead witnessed, CancellationToken cancellationToken = default) =>
        RunAsync(new AuditChainWalk.Start(witnessed, "the witnessed checkpoint"), mark: null, full: false, progress: null, cancellationToken);

    /// <summary>The checkpoint with the highest sequence (the newest of equals), or null before the first verification.</summary>
    public async Task<AuditCheckpoint?> LatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        return await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
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
        var (verified, firstBreak) = await AuditChainWalk.WalkAsync(db, AuditChainWalk.Start.Genesis, head, mark: null, progress: null, cancellationToken);
        return new AuditVerification(verified, firstBreak, time.GetElapsedTime(started));
    }

    private async Task<AuditVerification> RunAsync(AuditChainWalk.Start start, AuditChainWalk.Mark? mark, bool full, IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
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
            return await AuditChainWalk.WalkAsync(db, start, head, mark, progress, cancellationToken);
        }, cancellationToken);
        if (firstBreak is null && head.Sequence > 0 && (full || head.Sequence > start.Trusted.Sequence))
        {
            // Only a walk that reached the head records anything. Rows are only inserted: two processes verifying at once
            // each add theirs, and the highest sequence wins. Not cancellable any more: the verification did complete.
            await RecordAsync(head, full);
        }
        return new AuditVerification(verified, firstBreak, time.GetElapsedTime(started), CheckedFrom: start.Trusted.Sequence + 1);
    }

    private async Task RecordAsync(ChainHead head, bool full)
    {
        var checkpoint = new AuditCheckpoint { Sequence = head.Sequence, Hash = head.Hash, VerifiedAt = time.GetUtcNow(), Full = full };
        await writer.WriteAsync(scope => scope.Db.AuditCheckpoints.Add(checkpoint).Entity, CancellationToken.None);
        if (!_log.IsEnabled(LogLevel.Information)) return;
        _log.LogInformation("Audit trail verified up to checkpoint #{Sequence} {Hash} at {VerifiedAt} ({Verification}); witness it as {Checkpoint}",
            checkpoint.Sequence, checkpoint.Hash, checkpoint.VerifiedAt, full ? "full" : "incremental", AuditCheckpointText.Of(checkpoint));
    }

    private static string CheckpointName(AuditCheckpoint checkpoint) =>
        string.Create(CultureInfo.InvariantCulture, $"the checkpoint verified at {checkpoint.VerifiedAt:yyyy-MM-dd HH:mm:ss} UTC");
}
