using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Sites;

public sealed class SitesPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_page_lists_every_site_with_its_hostnames_and_an_enable_switch()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<SitesPage>();

        cut.Find("h1").TextContent.ShouldBe("Public sites");
        var rows = cut.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Support", StringComparison.Ordinal) && r.Contains("support.localhost, support.example.com", StringComparison.Ordinal));
        rows.ShouldContain(r => r.Contains("Remote", StringComparison.Ordinal) && r.Contains("remote.localhost, remote.example.com", StringComparison.Ordinal));
        cut.FindAll(".mud-switch .mud-sr-only").Select(s => s.TextContent).ShouldBe(["Support enabled", "Remote enabled"]);
        cut.Button("Edit site Remote").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_hostname_of_another_site_is_refused_next_to_the_hostnames_and_the_dialog_keeps_what_was_typed()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Support"), "Add hostname");

        await dialog.Button("Add hostname").ClickAsync(new());
        await dialog.Input("Hostname 3").ChangeAsync(new() { Value = "remote.example.com" });

        const string Taken = "'remote.example.com' already belongs to site 'Remote'; a hostname belongs to one site only.";
        dialog.WaitForAssertion(() => dialog.Find("[role=alert]").TextContent.ShouldContain(Taken));

        await dialog.Button("Save site").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=refused]").TextContent.ShouldContain(Taken));
        dialog.Input("Hostname 3").GetAttribute("value").ShouldBe("remote.example.com");
        (await portal.Get<PortalCatalog>().GetAsync()).SiteByHostname["remote.example.com"].Name.ShouldBe("Remote");
    }

    [Fact]
    public async Task An_invalid_external_key_pattern_is_refused_on_save_with_the_reason()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");

        await dialog.Input("Pattern the external_key must match").ChangeAsync(new() { Value = "INC(" });
        await dialog.Button("Save site").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=refused]").TextContent.ShouldContain("The pattern is not a valid regular expression:"));
        dialog.Markup.ShouldContain("mud-input-error");
        (await portal.Get<PortalCatalog>().GetAsync()).SiteById[2].ExternalKeyPattern.ShouldBeNull();
    }

    [Fact]
    public async Task The_invitation_preview_follows_the_templates_as_they_are_typed()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Support"), "Save site");
        dialog.Find("[data-testid=invitation-preview]").TextContent.ShouldContain("Remote Support Invitation");

        await dialog.Input("Subject template").InputAsync(new() { Value = "Your {site_name} session" });
        await dialog.Input("Body template").InputAsync(new() { Value = "Open {key_url} or enter {short_key} at {site_url}." });

        dialog.WaitForAssertion(() =>
        {
            var preview = dialog.Find("[data-testid=invitation-preview]").TextContent;
            preview.ShouldContain("Your Support session");
            preview.ShouldContain("Open http://support.localhost/?ak=3893f3dad96e61ce73d292ef83216468 or enter 2960564 at http://support.localhost.");
        });
        dialog.Markup.ShouldContain("{key_url}");
        dialog.Markup.ShouldContain("{expires}");
    }

    [Fact]
    public async Task Restricting_a_site_to_a_team_saves_it_and_the_table_shows_the_rule()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");

        await dialog.Switch("Only members of chosen teams may issue keys for this site").ChangeAsync(new() { Value = true });
        await admin.PickAsync(dialog, "Teams allowed", "Tier 1 Support (team:1)");
        await dialog.Button("Save site").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("tbody tr").Single(r => r.TextContent.Contains("Remote", StringComparison.Ordinal))
            .TextContent.ShouldContain("teams: Tier 1 Support"));
        var remote = (await ownPortal.Get<PortalCatalog>().GetAsync()).SiteById[2];
        remote.RestrictToTeams.ShouldBeTrue();
        remote.AllowedTeamIds.ShouldBe([1]);
    }

    [Fact]
    public async Task The_api_accounts_field_says_that_none_picked_allows_none_and_that_a_pick_allows_no_other()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");

        await dialog.Switch("Only chosen API accounts may issue keys for this site").ChangeAsync(new() { Value = true });
        dialog.WaitForAssertion(() => dialog.Field("API accounts allowed").TextContent.ShouldContain("None picked: no API account may use this site."));
        await admin.PickAsync(dialog, "API accounts allowed", "demo-read-only (demo-read-only)");

        dialog.WaitForAssertion(() => dialog.Field("API accounts allowed").TextContent.ShouldContain("No other API account may use this site."));
        dialog.Field("API accounts allowed").TextContent.ShouldNotContain("None picked");
    }

    [Fact]
    public async Task In_appliance_mode_the_sites_are_shown_read_only_with_a_notice()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal, KeyAuthorityMode.Appliance);

        var cut = admin.Render<SitesPage>();

        cut.Find("[data-testid=read-only-notice]").TextContent.ShouldContain("come from configuration (Appliance:PublicSites)");
        cut.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("New site", StringComparison.Ordinal));
        cut.FindAll("button[aria-label^='Edit site']").ShouldBeEmpty();
        cut.FindAll("tbody tr").Count.ShouldBe(2);
    }
}
