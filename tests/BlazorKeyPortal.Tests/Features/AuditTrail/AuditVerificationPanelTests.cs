using Bunit;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.AuditTrail;

public sealed class AuditVerificationPanelTests : ComponentTestContext
{
    private readonly PortalFactory _portal = new();

    public AuditVerificationPanelTests() => Services.AddSingleton(_ => _portal.Get<AuditTrailVerifier>());

    [Fact]
    public async Task Verifying_an_untouched_trail_reports_it_intact_with_its_length()
    {
        int entries;
        await using (var db = _portal.CreateDbContext())
        {
            entries = await db.AuditEntries.CountAsync(); // what the Development seed wrote
        }
        entries.ShouldBeGreaterThan(1);
        var cut = Render<AuditVerificationPanel>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Verify audit trail").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-verification]").TextContent.ShouldContain($"Intact, {entries} entries"), WaitTimeout);
    }

    [Fact]
    public async Task Verifying_a_tampered_trail_says_where_it_breaks()
    {
        _portal.Started();
        await using (var connection = _portal.OpenRawConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE AuditEntries SET Details = NULL WHERE Sequence = 2";
            await command.ExecuteNonQueryAsync();
        }
        var cut = Render<AuditVerificationPanel>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Verify audit trail").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-verification]").TextContent
            .ShouldContain("Audit trail broken. Entry #2 was changed: its content no longer matches its hash."), WaitTimeout);
    }

    [Fact]
    public async Task Verifying_every_entry_shows_the_entries_checked_of_the_total_and_the_checkpoint_to_witness()
    {
        int entries;
        await using (var db = _portal.CreateDbContext())
        {
            entries = await db.AuditEntries.CountAsync();
        }
        var cut = Render<AuditVerificationPanel>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Verify every entry").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-verification]").TextContent.ShouldContain($"Intact, {entries} entries"), WaitTimeout);
        cut.Find("[data-testid=audit-progress]").TextContent.ShouldBe($"{entries} of {entries} entries checked");
        cut.Find(".mud-progress-linear").GetAttribute("aria-valuenow").ShouldBe("100");
        var checkpoint = (await _portal.Get<AuditTrailVerifier>().LatestCheckpointAsync())!;
        var field = cut.Find("[data-testid=audit-checkpoint]");
        var input = field.TagName == "INPUT" ? field : field.QuerySelector("input")!;
        input.GetAttribute("value").ShouldBe($"{checkpoint.Sequence}:{checkpoint.Hash}");
    }

    [Fact]
    public void A_witnessed_checkpoint_that_no_longer_matches_is_reported()
    {
        _portal.Started();
        var cut = Render<AuditVerificationPanel>();

        cut.Find("input:not([readonly])").Change($"1:{new string('a', 64)}");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Verify against it").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-verification]").TextContent
            .ShouldContain("Entry #1 is not the entry of the witnessed checkpoint"), WaitTimeout);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _portal.DisposeAsync();
    }
}
