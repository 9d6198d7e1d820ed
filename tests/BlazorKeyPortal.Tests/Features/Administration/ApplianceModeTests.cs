using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration;

/// <summary>
/// In appliance mode sites and routing come from the appliance and configuration: their pages only show them.
/// Skills, custom fields, API accounts and settings stay the portal's own.
/// </summary>
public sealed class ApplianceModeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<Type, string> ApplianceOwned => new()
    {
        { typeof(SitesPage), "public sites" },
        { typeof(TeamsPage), "support teams" },
        { typeof(RepresentativesPage), "representatives" },
        { typeof(EmbassiesPage), "embassies" },
        { typeof(IssuesPage), "issues" },
    };

    public static TheoryData<Type> PortalOwned => new() { typeof(SkillsPage), typeof(CustomFieldsPage), typeof(ApiAccountsPage), typeof(SettingsPage) };

    [Theory]
    [MemberData(nameof(ApplianceOwned))]
    public async Task Pages_of_what_the_appliance_owns_are_read_only_with_a_notice(Type page, string what)
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal, KeyAuthorityMode.Appliance);

        var cut = admin.Context.Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        cut.Find("[data-testid=read-only-notice]").TextContent.ShouldContain(what);
        cut.FindAll("button").ShouldNotContain(b => b.TextContent.Trim().StartsWith("New ", StringComparison.Ordinal));
        cut.FindAll("button[aria-label^='Edit ']").ShouldBeEmpty();
        cut.FindAll("tbody tr").ShouldNotBeEmpty();
        var switches = cut.FindAll("input[role=switch]");
        switches.ShouldNotBeEmpty();
        switches.ShouldAllBe(s => s.HasAttribute("disabled"));
    }

    [Theory]
    [MemberData(nameof(PortalOwned))]
    public async Task Pages_of_what_the_portal_keeps_itself_stay_editable_in_appliance_mode(Type page)
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal, KeyAuthorityMode.Appliance);

        var cut = admin.Context.Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        cut.FindAll("[data-testid=read-only-notice]").ShouldBeEmpty();
        cut.FindAll("button").ShouldContain(b => b.TextContent.Trim().StartsWith("New ", StringComparison.Ordinal) || b.TextContent.Trim() == "Save settings");
    }
}
