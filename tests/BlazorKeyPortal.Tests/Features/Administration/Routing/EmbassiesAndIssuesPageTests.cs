using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Routing;

public sealed class EmbassiesAndIssuesPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Embassies_are_listed_as_their_queue_with_members()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<EmbassiesPage>();

        var row = cut.Row("Partner Desk").TextContent;
        row.ShouldContain("embassy:1");
        row.ShouldContain("Jane Smith (after hours)");
    }

    [Fact]
    public async Task An_embassy_without_a_name_is_not_saved_and_says_why()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<EmbassiesPage>();
        var dialog = admin.OpenDialog(cut.Button("New embassy"), "Save embassy");

        await dialog.Button("Save embassy").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Field("Name").TextContent.ShouldContain("An embassy needs a name."));
        (await portal.Get<PortalCatalog>().GetAsync()).Embassies.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Issues_are_listed_as_issue_code_with_the_team_they_route_to()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<IssuesPage>();

        cut.Row("issue:other").Cell("Routes to").ShouldBe("Tier 1 Support (team:1)");
    }

    [Fact]
    public async Task A_new_issue_needs_an_api_code_name_and_a_team_and_is_then_listed()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<IssuesPage>();
        var dialog = admin.OpenDialog(cut.Button("New issue"), "Save issue");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "Printer" });
        dialog.WaitForAssertion(() => dialog.Field("Code name").TextContent.ShouldContain("The code name is what issue:CODE uses"));
        await dialog.Button("Save issue").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=refused]").TextContent.ShouldContain("Pick an enabled team for the issue to route to."));

        await dialog.Input("Code name").ChangeAsync(new() { Value = "printer" });
        await dialog.Input("Description").ChangeAsync(new() { Value = "The printer is jammed" });
        await admin.PickAsync(dialog, "Routes to team", "After-hours Queue (team:2)");
        await dialog.Button("Save issue").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Row("issue:printer").Cell("Routes to").ShouldBe("After-hours Queue (team:2)"));
    }
}
