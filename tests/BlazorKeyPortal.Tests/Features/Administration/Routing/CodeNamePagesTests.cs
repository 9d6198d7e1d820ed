using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Routing;

/// <summary>Skills and custom fields share one dialog; each page checks its own list.</summary>
public sealed class CodeNamePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Skills_are_listed_by_code_name_with_how_many_representatives_have_them()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<SkillsPage>();

        var windows = cut.Row("codename1");
        windows.Cell("Display name").ShouldContain("Windows");
        windows.Cell("Representatives").ShouldBe("1");
    }

    [Fact]
    public async Task A_skill_code_name_that_exists_is_refused_beside_the_code_name()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SkillsPage>();
        var dialog = admin.OpenDialog(cut.Button("New skill"), "Save skill");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "codename1" });

        dialog.WaitForAssertion(() => dialog.Field("Code name").TextContent.ShouldContain("Another skill already has the code name 'codename1'."));
    }

    [Fact]
    public async Task A_new_skill_is_saved_and_listed()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SkillsPage>();
        var dialog = admin.OpenDialog(cut.Button("New skill"), "Save skill");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "linux" });
        await dialog.Input("Display name").ChangeAsync(new() { Value = "Linux" });
        await dialog.Button("Save skill").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Row("linux").Cell("Display name").ShouldBe("Linux"));
        (await portal.Get<PortalCatalog>().GetAsync()).SkillByCode["linux"].Name.ShouldBe("Linux");
    }

    [Fact]
    public async Task The_custom_field_page_refuses_the_code_name_the_api_reserves()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<CustomFieldsPage>();
        cut.Row("custom_field10").Cell("Display name").ShouldBe("Custom field 10");
        var dialog = admin.OpenDialog(cut.Button("New custom field"), "Save custom field");

        await dialog.Input("Code name").ChangeAsync(new() { Value = "external_key" });

        dialog.WaitForAssertion(() => dialog.Field("Code name").TextContent.ShouldContain("'external_key' is reserved by the API and cannot be a custom field."));
    }

    [Fact]
    public async Task Disabling_a_custom_field_keeps_it_listed_as_disabled()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<CustomFieldsPage>();

        await cut.NamedSwitch("custom_field3 enabled").ChangeAsync(new() { Value = false });

        cut.WaitForAssertion(() => cut.NamedSwitch("custom_field3 enabled").HasAttribute("checked").ShouldBeFalse());
        (await ownPortal.Get<PortalCatalog>().GetAsync()).CustomFieldByCode["custom_field3"].IsEnabled.ShouldBeFalse();
        cut.FindAll("button[aria-label^='Delete']").ShouldBeEmpty();
    }
}
