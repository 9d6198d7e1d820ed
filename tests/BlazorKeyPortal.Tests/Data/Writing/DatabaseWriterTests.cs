using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data.Writing;

public sealed class DatabaseWriterTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_failing_piece_of_work_rolls_back_alone_while_its_batch_neighbours_commit()
    {
        portal.Started();
        var before = await CountSkillsAsync();

        // Queued while the writer is held, so that the three share one batch and one transaction.
        var (good1, bad, good2) = await QueuedAsOneBatchAsync(writer => (
            writer.WriteAsync(scope => AddSkill(scope, "writer_good_1")),
            writer.WriteAsync<int>(scope => { AddSkill(scope, "writer_bad"); throw new InvalidOperationException("refused"); }),
            writer.WriteAsync(scope => AddSkill(scope, "writer_good_2"))));

        await good1;
        await good2;
        (await Should.ThrowAsync<InvalidOperationException>(bad)).Message.ShouldBe("refused");
        (await CountSkillsAsync()).ShouldBe(before + 2);
        await using var db = portal.CreateDbContext();
        (await db.Skills.AnyAsync(s => s.CodeName == "writer_bad")).ShouldBeFalse();
        (await db.AuditEntries.AnyAsync(e => e.SubjectId == "writer_bad")).ShouldBeFalse();
    }

    [Fact]
    public async Task Audit_entries_form_a_gap_free_chain_even_around_a_failed_item()
    {
        portal.Started();
        await Task.WhenAll(
            portal.WriteAsync(scope => AddSkill(scope, "chain_1")),
            Should.ThrowAsync<InvalidOperationException>(portal.WriteAsync<int>(scope => { AddSkill(scope, "chain_bad"); throw new InvalidOperationException(); })),
            portal.WriteAsync(scope => AddSkill(scope, "chain_2")));

        await using var db = portal.CreateDbContext();
        var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i));
        var previous = AuditChain.GenesisHash;
        foreach (var entry in entries)
        {
            entry.PreviousHash.ShouldBe(previous);
            AuditChain.ComputeHash(entry).ShouldBe(entry.Hash);
            previous = entry.Hash;
        }
        portal.Get<AuditChain>().Head.ShouldBe(new ChainHead(entries[^1].Sequence, entries[^1].Hash));
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancelled_task_and_its_work_is_not_run_if_it_was_still_waiting()
    {
        portal.Started();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var work = portal.Get<DatabaseWriter>().WriteAsync(scope => AddSkill(scope, "writer_cancelled"), cancelled.Token);

        await Should.ThrowAsync<TaskCanceledException>(work);
        await using var db = portal.CreateDbContext();
        (await db.Skills.AnyAsync(s => s.CodeName == "writer_cancelled")).ShouldBeFalse();
    }

    [Fact]
    public async Task Repeatable_work_whose_neighbour_fails_is_run_again_on_its_own_and_committed_once()
    {
        var runs = new int[3];

        var (first, failing, third) = await QueuedAsOneBatchAsync(writer => (
            writer.WriteRepeatableAsync(scope => { runs[0]++; return AddSkill(scope, "repeatable_1"); }),
            writer.WriteRepeatableAsync<int>(scope => { runs[1]++; AddSkill(scope, "repeatable_bad"); throw new InvalidOperationException("refused"); }),
            writer.WriteRepeatableAsync(scope => { runs[2]++; return AddSkill(scope, "repeatable_3"); })));

        await first;
        await third;
        (await Should.ThrowAsync<InvalidOperationException>(failing)).Message.ShouldBe("refused");
        runs.ShouldBe([2, 1, 1]); // the first ran with the failing one, was rolled back with it, and ran again
        await using var db = portal.CreateDbContext();
        (await db.Skills.CountAsync(s => s.CodeName.StartsWith("repeatable_"))).ShouldBe(2);
        (await db.AuditEntries.CountAsync(e => e.SubjectId == "repeatable_1")).ShouldBe(1);
        (await db.AuditEntries.AnyAsync(e => e.SubjectId == "repeatable_bad")).ShouldBeFalse();
        var head = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        portal.Get<AuditChain>().Head.ShouldBe(new ChainHead(head.Sequence, head.Hash));
    }

    [Fact]
    public async Task Other_work_in_the_batch_of_a_failing_repeatable_piece_runs_once_and_commits()
    {
        var runs = new int[3];

        var (once, failing, repeatable) = await QueuedAsOneBatchAsync(writer => (
            writer.WriteAsync(scope => { runs[0]++; return AddSkill(scope, "once_1"); }),
            writer.WriteRepeatableAsync<int>(scope => { runs[1]++; AddSkill(scope, "once_bad"); throw new InvalidOperationException("refused"); }),
            writer.WriteRepeatableAsync(scope => { runs[2]++; return AddSkill(scope, "once_3"); })));

        await once;
        await repeatable;
        await Should.ThrowAsync<InvalidOperationException>(failing);
        // Repeatable work runs first, so the rollback it needed came before the other work had run at all.
        runs.ShouldBe([1, 1, 1]);
        await using var db = portal.CreateDbContext();
        (await db.Skills.Where(s => s.CodeName.StartsWith("once_")).Select(s => s.CodeName).OrderBy(c => c).ToListAsync()).ShouldBe(["once_1", "once_3"]);
        (await db.AuditEntries.CountAsync(e => e.SubjectId == "once_1")).ShouldBe(1);
    }

    /// <summary>Holds the writer on a gate while <paramref name="queue"/> queues its work, so that the writer takes it as one batch.</summary>
    private async Task<T> QueuedAsOneBatchAsync<T>(Func<DatabaseWriter, T> queue)
    {
        portal.Started();
        using var gate = new ManualResetEventSlim();
        var holding = portal.WriteAsync(_ => gate.Wait(TimeSpan.FromSeconds(10)));
        var queued = queue(portal.Get<DatabaseWriter>());
        gate.Set();
        (await holding).ShouldBeTrue();
        return queued;
    }

    private static int AddSkill(WriteScope scope, string code)
    {
        scope.Db.Skills.Add(new Skill { CodeName = code, Name = code });
        scope.Db.SaveChanges();
        scope.Audit(new AuditRecord("system", "test.skill_added", "skill", code));
        return 1;
    }

    private async Task<int> CountSkillsAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.Skills.CountAsync();
    }
}
