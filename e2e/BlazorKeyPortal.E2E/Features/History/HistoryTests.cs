using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.History;

/// <summary>
/// The supervisor's walk-through: an agent issues a key, a supervisor (a browser context of their own) finds it in the
/// history, reads its detail, exports it and verifies the audit trail; an agent is kept out.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class HistoryTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_supervisor_filters_history_by_site_finds_the_key_an_agent_just_issued_opens_its_detail_exports_it_as_csv_and_sees_the_audit_trail_intact()
    {
        // Arrange: the agent issues a key for team 1 on the Remote site
        var externalKey = NewExternalKey();
        var agent = await browser.NewPageAsync();
        await using var closeAgent = new ClosingContext(agent);
        var shortKey = await (await GeneratePage.SignInAndGenerateForTeam1Async(agent, "Remote", externalKey)).ShortKeyValueAsync();

        var supervisor = await browser.NewPageAsync();
        await using var closeSupervisor = new ClosingContext(supervisor);
        await new SignInPage(supervisor).OpenAsync("/history");
        await new SignInPage(supervisor).SignInAsync("supervisor");
        var history = await new HistoryPage(supervisor).OpenAsync();

        // Act: filter by site (and the ticket, so other tests' keys stay out of the way)
        await history.FilterAsync("Remote", externalKey);

        // Assert: the grid shows the key and only it, on Remote, issued by the agent
        await Assertions.Expect(supervisor.GetByText("1–1 of 1", new() { Exact = true })).ToBeVisibleAsync();
        var row = history.Row(shortKey);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Remote");
        await Assertions.Expect(row).ToContainTextAsync("agent");
        await Assertions.Expect(row).ToContainTextAsync(externalKey);
        await Screenshots.SaveAsync(supervisor, "history");

        // Act + Assert: its detail names the key, the site and the agent who issued it
        var detail = await history.OpenDetailAsync(shortKey);
        await Assertions.Expect(detail.Attribute("Short key")).ToHaveTextAsync(shortKey);
        await Assertions.Expect(detail.Attribute("Site")).ToHaveTextAsync("Remote (remote.localhost)");
        await Assertions.Expect(detail.Attribute("Issued by")).ToHaveTextAsync("user:agent");
        await Assertions.Expect(detail.Attribute("External key")).ToHaveTextAsync(externalKey);

        // Act + Assert: back in the filtered list, the CSV export contains the key
        await supervisor.GoBackAsync();
        await Assertions.Expect(history.Row(shortKey)).ToHaveCountAsync(1);
        var csv = await history.ExportCsvAsync();
        csv.ShouldContain(shortKey);
        csv.ShouldContain(externalKey);

        // Act + Assert: the audit trail verifies as intact
        await history.VerifyButton.ClickAsync();
        await Assertions.Expect(history.VerificationResult).ToContainTextAsync("Intact");
    }

    [Fact]
    public async Task An_agent_who_opens_history_is_told_that_it_is_not_allowed()
    {
        var agent = await browser.NewPageAsync();
        await using var _ = new ClosingContext(agent);
        await new SignInPage(agent).OpenAsync("/keys/new");
        await new SignInPage(agent).SignInAsync("agent");

        await agent.GotoAsync("/history");

        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(new HistoryPage(agent).Heading).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task History_and_a_keys_detail_have_no_serious_or_critical_axe_violations()
    {
        var externalKey = NewExternalKey();
        var agent = await browser.NewPageAsync();
        await using var closeAgent = new ClosingContext(agent);
        var shortKey = await (await GeneratePage.SignInAndGenerateForTeam1Async(agent, "Remote", externalKey)).ShortKeyValueAsync();

        var supervisor = await browser.NewPageAsync();
        await using var closeSupervisor = new ClosingContext(supervisor);
        await new SignInPage(supervisor).OpenAsync("/history");
        await new SignInPage(supervisor).SignInAsync("supervisor");
        var history = await new HistoryPage(supervisor).OpenAsync();
        await history.FilterAsync("Remote", externalKey);
        await history.Row(shortKey).WaitForAsync();
        await history.VerifyButton.ClickAsync();
        await Assertions.Expect(history.VerificationResult).ToContainTextAsync("Intact");
        // The full verification's progress bar and a chart's table view are on the page the audit checks.
        await history.VerifyEveryEntryButton.ClickAsync();
        await Assertions.Expect(history.VerificationProgress).ToBeVisibleAsync();
        await Assertions.Expect(history.VerificationResult).ToContainTextAsync("Intact");
        await history.PerDayTableToggle.ClickAsync();
        await Assertions.Expect(history.PerDayTable).ToBeVisibleAsync();
        await supervisor.ShouldHaveNoSeriousAxeViolationsAsync("history-axe");

        await history.OpenDetailAsync(shortKey);
        await supervisor.ShouldHaveNoSeriousAxeViolationsAsync("key-detail");
    }

    private static string NewExternalKey() => "INC" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Signs <c>agent</c> in, issues a key for team 1 on <paramref name="siteName"/>, and returns its seven-digit short key.</summary>
}
