using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.AuditTrail;

/// <summary>Each test tampers with its own database, so each gets its own portal.</summary>
public sealed class AuditTrailVerifierTests
{
    [Fact]
    public async Task The_trail_is_intact_after_a_mix_of_operations()
    {
        await using var portal = new SignedInPortalFactory();
        var entries = await MixOfOperationsAsync(portal);

        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.IsIntact.ShouldBeTrue(result.Summary);
        result.EntriesVerified.ShouldBe(entries);
        result.Summary.ShouldBe($"Intact, {entries} entries");
    }

    [Fact]
    public async Task Changing_an_entry_is_detected_and_located()
    {
        await using var portal = new SignedInPortalFactory();
        await MixOfOperationsAsync(portal);

        await ExecuteRawAsync(portal, "UPDATE AuditEntries SET Actor = 'user:mallory' WHERE Sequence = 3");
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(3);
        result.Break.Kind.ShouldBe(AuditBreakKind.Changed);
        result.EntriesVerified.ShouldBe(2);
        result.Summary.ShouldBe("Entry #3 was changed: its content no longer matches its hash.");
    }

    [Fact]
    public async Task Deleting_an_entry_is_detected_and_located()
    {
        await using var portal = new SignedInPortalFactory();
        await MixOfOperationsAsync(portal);

        await ExecuteRawAsync(portal, "DELETE FROM AuditEntries WHERE Sequence = 4");
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(4);
        result.Break.Kind.ShouldBe(AuditBreakKind.Removed);
        result.Summary.ShouldStartWith("Entry #4 was removed");
    }

    [Fact]
    public async Task Deleting_entries_and_closing_the_gap_is_detected_where_the_chain_no_longer_links()
    {
        await using var portal = new SignedInPortalFactory();
        var entries = await MixOfOperationsAsync(portal);

        // Remove entry 4 and renumber the rest, so the sequence has no gap left.
        await ExecuteRawAsync(portal, "DELETE FROM AuditEntries WHERE Sequence = 4");
        for (var sequence = 5; sequence <= entries; sequence++)
        {
            await ExecuteRawAsync(portal, $"UPDATE AuditEntries SET Sequence = {sequence - 1} WHERE Sequence = {sequence}");
        }
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(4);
        result.Break.Kind.ShouldBe(AuditBreakKind.Removed);
        result.Summary.ShouldBe("Entry #4 does not follow entry #3: the entry it was chained after is no longer in the trail (removed, or rewritten together with its hash).");
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_detected_against_the_writers_head()
    {
        await using var portal = new SignedInPortalFactory();
        var entries = await MixOfOperationsAsync(portal);

        await ExecuteRawAsync(portal, $"DELETE FROM AuditEntries WHERE Sequence > {entries - 2}");
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(entries - 1);
        result.Break.Kind.ShouldBe(AuditBreakKind.Removed);
        result.Summary.ShouldBe($"Entries #{entries - 1}–#{entries} were removed: the portal wrote {entries} entries and the trail ends after #{entries - 2}.");
    }

    [Fact]
    public async Task Swapping_two_entries_is_detected_as_reordering()
    {
        await using var portal = new SignedInPortalFactory();
        await MixOfOperationsAsync(portal);

        await ExecuteRawAsync(portal,
            "UPDATE AuditEntries SET Sequence = -1 WHERE Sequence = 5;" +
            "UPDATE AuditEntries SET Sequence = 5 WHERE Sequence = 6;" +
            "UPDATE AuditEntries SET Sequence = 6 WHERE Sequence = -1;");
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(5);
        result.Break.Kind.ShouldBe(AuditBreakKind.Reordered);
        result.Summary.ShouldBe("Entry #5 was reordered: it was chained after entry #6, not after entry #4.");
    }

    [Fact]
    public async Task Rewriting_the_last_entry_together_with_its_hash_is_detected_against_the_writers_head()
    {
        await using var portal = new SignedInPortalFactory();
        var entries = await MixOfOperationsAsync(portal);

        await using (var db = portal.CreateDbContext())
        {
            var last = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == entries);
            last.Actor = "user:mallory";
            await ExecuteRawAsync(portal, $"UPDATE AuditEntries SET Actor = 'user:mallory', Hash = '{AuditChain.ComputeHash(last)}' WHERE Sequence = {entries}");
        }
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(entries);
        result.Break.Kind.ShouldBe(AuditBreakKind.Changed);
    }

    [Fact]
    public async Task Entries_written_after_tampering_do_not_hide_it()
    {
        await using var portal = new SignedInPortalFactory();
        await MixOfOperationsAsync(portal);
        await ExecuteRawAsync(portal, "UPDATE AuditEntries SET Details = '{}' WHERE Sequence = 2");

        await IssueAsync(portal, "queue_id=general");
        var result = await portal.Get<AuditTrailVerifier>().VerifyAsync();

        result.Break.ShouldNotBeNull();
        result.Break.Sequence.ShouldBe(2);
        result.Break.Kind.ShouldBe(AuditBreakKind.Changed);
    }

    /// <summary>Seed, keys issued through the API (tokens included), a revocation: returns the number of entries.</summary>
    private static async Task<long> MixOfOperationsAsync(PortalFactory portal)
    {
        var first = await IssueAsync(portal, "queue_id=team:1&session.custom.external_key=INC0001");
        await IssueAsync(portal, "queue_id=general&ttl=600");
        await IssueAsync(portal, "queue_id=rep:1");
        var revocation = await portal.RevokeAsync(first, "sent to the wrong customer", TestUsers.Supervisor());
        revocation.Succeeded.ShouldBeTrue(revocation.Message);

        await using var db = portal.CreateDbContext();
        var count = await db.AuditEntries.LongCountAsync();
        count.ShouldBeGreaterThanOrEqualTo(7);
        return count;
    }

    private static async Task<long> IssueAsync(PortalFactory portal, string parameters)
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        var reply = (await api.GenerateAsync(parameters)).ShouldBeSessionKey();
        await using var db = portal.CreateDbContext();
        var shortKey = reply.Element("short_key");
        return await db.SessionKeys.Where(k => k.ShortKey == shortKey).Select(k => k.Id).SingleAsync();
    }

    private static async Task ExecuteRawAsync(PortalFactory portal, string sql)
    {
        await using var connection = portal.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
