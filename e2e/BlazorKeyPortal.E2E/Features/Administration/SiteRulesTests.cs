using System.Text.RegularExpressions;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using static BlazorKeyPortal.E2E.Infrastructure.CommandApiClient;

namespace BlazorKeyPortal.E2E.Features.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class SiteRulesTests(PortalBrowser browser)
{
    private const string NewHostname = "help.remote.example.com";

    [Fact]
    public async Task The_admin_restricts_Remote_to_team_1_so_agent_may_pick_it_but_supervisor_and_an_api_account_not_allowed_on_it_may_not()
    {
        // Arrange: admin gives Remote a new hostname, allows only team 1 and only the API account demo-read-only
        var admin = await browser.NewPageAsync();
        await using var closeAdmin = new ClosingContext(admin);
        await new SignInPage(admin).OpenAsync("/admin/sites");
        await new SignInPage(admin).SignInAsync("admin");
        var sites = await new AdminSitesPage(admin).OpenAsync();

        var dialog = await sites.EditAsync("Remote");
        await dialog.AddHostnameAsync(NewHostname);
        await dialog.RestrictToTeamsAsync("Tier 1 Support (team:1)");
        await dialog.RestrictToApiAccountsAsync("demo-read-only (demo-read-only)");
        await Screenshots.SaveAsync(admin, "admin-site-dialog");
        await dialog.SaveAsync();

        await Assertions.Expect(sites.Saved("Remote")).ToBeVisibleAsync();
        await Assertions.Expect(sites.Row("Remote")).ToContainTextAsync($"remote.localhost, remote.example.com, {NewHostname}");
        await Assertions.Expect(sites.Row("Remote")).ToContainTextAsync("teams: Tier 1 Support; API accounts: demo-read-only");
        await Screenshots.SaveAsync(admin, "admin-sites");

        // Act + Assert: agent (rep 1, team 1) is offered Remote with its new hostname and gets a key for it
        var agent = await browser.NewPageAsync();
        await using var closeAgent = new ClosingContext(agent);
        await new SignInPage(agent).OpenAsync("/keys/new");
        await new SignInPage(agent).SignInAsync("agent");
        var agentGenerate = await new GeneratePage(agent).OpenAsync();
        await agentGenerate.ChooseQueueAsync("Team", "Tier 1 Support");
        await Assertions.Expect(agentGenerate.SiteOptions("Remote")).ToHaveTextAsync(
            ["Remote: remote.localhost", "Remote: remote.example.com", $"Remote: {NewHostname}"]);
        await agentGenerate.ChoosePublicSiteOptionAsync($"Remote: {NewHostname}");
        await agentGenerate.GenerateAsync();
        await Assertions.Expect(agentGenerate.KeyUrl).ToHaveTextAsync(new Regex($"^https?://{Regex.Escape(NewHostname)}(:[0-9]+)?/\\?ak=[0-9a-f]{{32}}$"));

        // Act + Assert: supervisor may issue keys, but is in no team: Remote is not offered, Support still is
        var supervisor = await browser.NewPageAsync();
        await using var closeSupervisor = new ClosingContext(supervisor);
        await new SignInPage(supervisor).OpenAsync("/keys/new");
        await new SignInPage(supervisor).SignInAsync("supervisor");
        var supervisorGenerate = await new GeneratePage(supervisor).OpenAsync();
        await Assertions.Expect(supervisorGenerate.SiteOptions("Support")).ToHaveTextAsync(["Support: support.localhost", "Support: support.example.com"]);
        await Assertions.Expect(supervisorGenerate.SiteOptions("Remote")).ToHaveCountAsync(0);

        // Act + Assert: a ticket's link that names Remote's hostname does not get supervisor a key either, and says why
        supervisorGenerate = await new GeneratePage(supervisor).OpenAsync($"?url_hostname={NewHostname}");
        await supervisorGenerate.GenerateButton.ClickAsync();
        await Assertions.Expect(supervisor.GetByText(
            $"url_hostname '{NewHostname}': only members of the teams allowed on site 'Remote' may issue keys for it")).ToBeVisibleAsync();
        await Assertions.Expect(supervisorGenerate.ShortKey).ToHaveCountAsync(0);

        // Act + Assert: the command API refuses Remote's hostnames to demo-full-access, naming the rule, and still serves it Support
        using var api = await new CommandApiClient(browser.Portal.BaseAddress).SignInAsync("demo-full-access", "demo-full-secret");
        foreach (var hostname in new[] { NewHostname, "remote.localhost" })
        {
            var refused = await api.GenerateSessionKeyAsync($"queue_id=general&url_hostname={hostname}");
            refused.Name.ShouldBe(Command + "error");
            refused.Value.ShouldBe($"url_hostname '{hostname}': API account 'demo-full-access' may not issue keys for site 'Remote'");
        }
        var served = await api.GenerateSessionKeyAsync("queue_id=general&url_hostname=support.localhost");
        served.Element(Command + "short_key").ShouldNotBeNull(served.ToString());
    }
}
