using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Routing;

public sealed class TeamsPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_team_is_listed_as_its_queue_with_members_and_default_site()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<TeamsPage>();

        var tier1 = cut.Row("Tier 1 Support");
        tier1.Cell("Queue").ShouldBe("team:1");
        tier1.Cell("Members").ShouldBe("Alex Morgan (Tier 1), John Smith (Tier 1)");
        tier1.Cell("Default site").ShouldBe("Support");
        cut.Row("After-hours Queue").Cell("Persistent").ShouldBe("Yes");
    }

    [Fact]
    public async Task A_team_someone_else_creates_appears_on_the_open_page_at_once()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<TeamsPage>();

        var saved = await portal.Get<RoutingAdministration>().SaveTeamAsync("user:other-admin", new TeamForm { CodeName = "night_shift", Name = "Night Shift" });

        saved.Succeeded.ShouldBeTrue();
        cut.WaitForAssertion(() => cut.Row("Night Shift").Cell("Code name").ShouldBe("night_shift"));
    }

    [Fact]
    public async Task The_search_field_narrows_the_table_to_matching_teams()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<TeamsPage>();

        await cut.Input("Search teams").InputAsync(new() { Value = "after" });

        cut.WaitForAssertion(() => cut.FindAll("tbody tr").Single().TextContent.ShouldContain("After-hours Queue"));
    }

    [Fact]
    public async Task A_code_name_another_team_has_is_refused_beside_the_code_name_and_kept_in_the_field()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<TeamsPage>();
        var dialog = admin.OpenDialog(cut.Button("New team"), "Save team");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "tier1" });

        dialog.WaitForAssertion(() => dialog.Field("Code name").TextContent.ShouldContain("Another team already has the code name 'tier1'."));
        await dialog.Button("Save team").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=refused]").TextContent.ShouldContain("A team needs a name."));
        dialog.Field("Name").TextContent.ShouldContain("A team needs a name.");
        dialog.Input("Code name").GetAttribute("value").ShouldBe("tier1");
    }

    [Fact]
    public async Task A_new_team_with_a_member_and_a_default_site_is_saved_and_listed()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<TeamsPage>();
        var dialog = admin.OpenDialog(cut.Button("New team"), "Save team");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "printers" });
        await dialog.Input("Name").ChangeAsync(new() { Value = "Printer Desk" });
        await admin.PickAsync(dialog, "Default site", "Remote");
        await admin.PickAsync(dialog, "Members", "Jane Smith (after hours) (jsmith, rep:3)");
        await dialog.Button("Save team").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Row("Printer Desk").Cell("Members").ShouldBe("Jane Smith (after hours)"));
        cut.Row("Printer Desk").Cell("Default site").ShouldBe("Remote");
        var team = (await portal.Get<PortalCatalog>().GetAsync()).Teams.Single(t => t.CodeName == "printers");
        team.DefaultSiteId.ShouldBe(2);
        team.MemberIds.ShouldBe([3]);
    }
}
