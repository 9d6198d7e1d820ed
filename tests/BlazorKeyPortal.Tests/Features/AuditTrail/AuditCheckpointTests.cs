using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Tests.Features.AuditTrail;

/// <summary>Verified checkpoints: where "Verify audit trail" starts, what a full verification still checks, and the witness.</summary>
public sealed class AuditCheckpointTests
{
    [Fact]
    public async Task The_incremental_verification_checks_only_the_entries_after_the_checkpoint()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        var first = await verifier.VerifyAsync();
        var checkpoint = await verifier.LatestCheckpointAsync();

        await AppendAsync(portal, 50);
        var result = await verifier.VerifyAsync();

        result.IsIntact.ShouldBeTrue(result.Summary);
        checkpoint.ShouldNotBeNull();
        checkpoint.Sequence.ShouldBe(first.EntriesVerified);
        result.CheckedFrom.ShouldBe(checkpoint.Sequence + 1);
        result.EntriesVerified.ShouldBe(first.EntriesVerified + 50);
        result.Summary.ShouldBe($"Intact, {result.EntriesVerified} entries (50 new since the checkpoint at entry #{checkpoint.Sequence})");
        (await verifier.LatestCheckpointAsync())!.Sequence.ShouldBe(result.EntriesVerified);
    }

    [Fact]
    public async Task An_entry_tampered_after_the_checkpoint_is_caught_by_the_incremental_verification()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        var checkpointed = (await verifier.VerifyAsync()).EntriesVerified;
        await AppendAsync(portal, 20);

        await ExecuteRawAsync(portal, $"UPDATE AuditEntries SET Actor = 'user:mallory' WHERE Sequence = {checkpointed + 5}");
        var result = await verifier.VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(checkpointed + 5);
        result.Break.Kind.ShouldBe(AuditBreakKind.Changed);
        (await verifier.LatestCheckpointAsync())!.Sequence.ShouldBe(checkpointed); // a broken walk records nothing
    }

    [Fact]
    public async Task A_tampered_entry_before_the_checkpoint_is_still_caught_by_a_full_verification()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 20);
        await verifier.VerifyAsync();
        await AppendAsync(portal, 5);

        await ExecuteRawAsync(portal, "UPDATE AuditEntries SET Details = '{}' WHERE Sequence = 3");
        var incremental = await verifier.VerifyAsync();
        var full = await verifier.VerifyFullyAsync();

        incremental.IsIntact.ShouldBeTrue("the incremental walk starts after the checkpoint, by design");
        full.Break.ShouldNotBeNull();
        full.Break.Sequence.ShouldBe(3);
        full.Break.Kind.ShouldBe(AuditBreakKind.Changed);
    }

    [Fact]
    public async Task A_full_verification_reports_progress_up_to_the_total_and_records_a_checkpoint()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 2_500);
        var reports = new List<AuditVerificationProgress>();

        var result = await verifier.VerifyFullyAsync(new SynchronousProgress(reports.Add));

        result.IsIntact.ShouldBeTrue(result.Summary);
        reports.Count.ShouldBeGreaterThan(2);
        reports.ShouldAllBe(r => r.Total == result.EntriesVerified);
        reports.Select(r => r.Checked).ShouldBeInOrder();
        reports[^1].Checked.ShouldBe(result.EntriesVerified);
        var checkpoint = (await verifier.LatestCheckpointAsync())!;
        checkpoint.Sequence.ShouldBe(result.EntriesVerified);
        checkpoint.Full.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancelling_a_full_verification_leaves_no_partial_checkpoint()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 3_000);
        using var cancel = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(() => verifier.VerifyFullyAsync(new SynchronousProgress(p =>
        {
            if (p.Checked > 0) cancel.Cancel(); // as the Cancel button does, mid-walk
        }), cancel.Token));

        await using var db = portal.CreateDbContext();
        (await db.AuditCheckpoints.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Rewriting_the_whole_trail_after_a_witnessed_checkpoint_is_detected()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 10);
        await verifier.VerifyAsync();
        var witnessed = (await verifier.LatestCheckpointAsync())!;

        // The whole table rewritten with a valid chain, and the portal's own checkpoints with it.
        await RewriteTrailAsync(portal, changeSequence: 2);
        await ExecuteRawAsync(portal, "DELETE FROM AuditCheckpoints");
        var result = await verifier.VerifyAgainstWitnessAsync(new ChainHead(witnessed.Sequence, witnessed.Hash));

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(witnessed.Sequence);
        result.Break.Kind.ShouldBe(AuditBreakKind.Changed);
        result.Summary.ShouldBe($"Entry #{witnessed.Sequence} is not the entry of the witnessed checkpoint: the trail up to it was rewritten after the checkpoint was taken.");
    }

    [Fact]
    public async Task Rewriting_the_whole_trail_but_not_its_checkpoints_is_caught_by_the_next_verification()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 10);
        var checkpointed = (await verifier.VerifyAsync()).EntriesVerified;

        await RewriteTrailAsync(portal, changeSequence: 2);
        var incremental = await verifier.VerifyAsync();
        var full = await verifier.VerifyFullyAsync();

        incremental.Break.ShouldNotBeNull();
        incremental.Break.Sequence.ShouldBe(checkpointed);
        full.Break.ShouldNotBeNull();
        full.Break.Sequence.ShouldBe(checkpointed);
    }

    [Fact]
    public async Task A_trail_that_extends_the_witnessed_checkpoint_verifies_against_it()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await verifier.VerifyAsync();
        var witnessed = (await verifier.LatestCheckpointAsync())!;
        await AppendAsync(portal, 10);

        var result = await verifier.VerifyAgainstWitnessAsync(new ChainHead(witnessed.Sequence, witnessed.Hash));

        result.IsIntact.ShouldBeTrue(result.Summary);
        result.CheckedFrom.ShouldBe(witnessed.Sequence + 1);
    }

    [Fact]
    public async Task A_new_checkpoint_is_logged_under_the_audit_category_with_its_sequence_and_hash()
    {
        await using var portal = new AuditLoggingPortal();
        portal.Started();
        var verifier = portal.Get<AuditTrailVerifier>();

        await verifier.VerifyAsync();
        var checkpoint = (await verifier.LatestCheckpointAsync())!;

        var logged = portal.Recorded.Snapshot().Select(e => e.Message)
            .Where(m => m.Contains("checkpoint", StringComparison.OrdinalIgnoreCase)).ShouldHaveSingleItem();
        logged.ShouldContain(checkpoint.Hash);
        logged.ShouldContain($"#{checkpoint.Sequence}");
        AuditCheckpointText.Of(checkpoint).ShouldBe($"{checkpoint.Sequence}:{checkpoint.Hash}");
    }

    [Fact]
    public async Task Two_verifications_at_once_leave_the_newest_checkpoint_as_the_latest()
    {
        await using var portal = new AuditLoggingPortal().Started();
        var verifier = portal.Get<AuditTrailVerifier>();
        await AppendAsync(portal, 100);

        var results = await Task.WhenAll(verifier.VerifyAsync(), verifier.VerifyFullyAsync());
        await AppendAsync(portal, 5);
        var next = await verifier.VerifyAsync();

        results.ShouldAllBe(r => r.IsIntact);
        next.IsIntact.ShouldBeTrue(next.Summary);
        next.CheckedFrom.ShouldBe(results[0].EntriesVerified + 1);
    }

    private static Task<int> AppendAsync(PortalFactory portal, int entries) => portal.WriteAsync(scope =>
    {
        for (var i = 0; i < entries; i++) scope.Audit(new AuditRecord("system", "test.entry", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return entries;
    });

    /// <summary>What an attacker with write access does: every entry rewritten into a new, internally valid chain.</summary>
    private static async Task RewriteTrailAsync(PortalFactory portal, long changeSequence)
    {
        await using var db = portal.CreateDbContext();
        var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        var previous = AuditChain.GenesisHash;
        foreach (var entry in entries)
        {
            if (entry.Sequence == changeSequence) entry.Actor = "user:mallory";
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
        }
        await db.SaveChangesAsync();
    }

    private static async Task ExecuteRawAsync(PortalFactory portal, string sql)
    {
        await using var connection = portal.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reports on the caller's thread, so a test sees every report before the walk goes on.</summary>
    private sealed class SynchronousProgress(Action<AuditVerificationProgress> report) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => report(value);
    }
}
