using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Routing;

public sealed class RepresentativesPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_representative_is_listed_with_portal_user_teams_and_skills()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<RepresentativesPage>();

        var alex = cut.Row("Alex Morgan (Tier 1)").TextContent;
        alex.ShouldContain("rep:1");
        alex.ShouldContain("agent");
        alex.ShouldContain("Tier 1 Support");
        alex.ShouldContain("codename1");
    }

    [Fact]
    public async Task A_username_with_a_colon_is_refused_beside_the_username()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<RepresentativesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit representative Alex Morgan (Tier 1)"), "Save representative");

        await dialog.Input("Username").ChangeAsync(new() { Value = "alex:morgan" });

        dialog.WaitForAssertion(() => dialog.Field("Username").TextContent.ShouldContain("A username cannot contain ':' (it would break rep_username:NAME)."));
    }

    [Fact]
    public async Task The_dialog_edits_teams_and_skills_and_the_linked_portal_user()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<RepresentativesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit representative Jane Smith (after hours)"), "Save representative");

        await dialog.Input("Linked portal user").ChangeAsync(new() { Value = "jane" });
        await admin.PickAsync(dialog, "Teams", "Tier 1 Support (team:1)");
        await admin.PickAsync(dialog, "Skills", "Networking (codename2)");
        await dialog.Button("Save representative").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Row("Jane Smith (after hours)").Cell("Skills").ShouldContain("codename2"));
        var jane = (await portal.Get<PortalCatalog>().GetAsync()).RepById[3];
        jane.PortalUserName.ShouldBe("jane");
        jane.TeamIds.ShouldBe([1, 2]);
        jane.SkillCodes.ShouldBe(["codename2"]);
    }

    [Fact]
    public async Task Its_switch_disables_a_representative_at_once()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<RepresentativesPage>();

        await cut.NamedSwitch("John Smith (Tier 1) enabled").ChangeAsync(new() { Value = false });

        cut.WaitForAssertion(() => cut.NamedSwitch("John Smith (Tier 1) enabled").HasAttribute("checked").ShouldBeFalse());
        (await ownPortal.Get<PortalCatalog>().GetAsync()).RepById[2].IsEnabled.ShouldBeFalse();
    }
}
