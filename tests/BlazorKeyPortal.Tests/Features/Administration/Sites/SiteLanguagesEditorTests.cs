using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Sites;

/// <summary>The site dialog's texts per language: one tab per language, empty fields keeping the site's own text.</summary>
public sealed class SiteLanguagesEditorTests
{
    [Fact]
    public async Task A_german_title_typed_in_the_Deutsch_tab_is_saved_for_german_only_and_shows_again_when_the_dialog_reopens()
    {
        await using var portal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");

        dialog.FindAll("[role=tab]").Select(t => t.TextContent.Trim()).ShouldBe(PublicLanguages.All.Select(l => l.NativeName));
        await dialog.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Deutsch").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.Input("Title (Deutsch)").GetAttribute("placeholder").ShouldBe("Example Remote Assistance"));
        await dialog.Input("Title (Deutsch)").ChangeAsync(new() { Value = "Fernhilfe für Außenstellen" });
        await dialog.Button("Save site").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.FindAll("button").ShouldNotContain(b => b.TextContent.Trim() == "Save site"));

        var remote = (await portal.Get<PortalCatalog>().GetAsync()).Sites.Single(s => s.Name == "Remote");
        var texts = portal.Get<LocalizedSiteTexts>();
        (await texts.ForAsync(remote, "de")).Title.ShouldBe("Fernhilfe für Außenstellen");
        (await texts.ForAsync(remote, "en")).Title.ShouldBe("Example Remote Assistance");
        (await texts.OverridesOfAsync(remote.Id)).Select(t => t.Language).ShouldBe(["de"]);

        var reopened = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");
        await reopened.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == "Deutsch").ClickAsync(new());
        reopened.WaitForAssertion(() => reopened.Input("Title (Deutsch)").GetAttribute("value").ShouldBe("Fernhilfe für Außenstellen"));
    }

    [Fact]
    public async Task A_language_picked_for_other_browsers_is_saved_for_the_site_and_shows_again_when_the_dialog_reopens()
    {
        await using var portal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<SitesPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");
        dialog.Input("Language for other browsers").GetAttribute("value").ShouldBe("English");

        await admin.PickAsync(dialog, "Language for other browsers", "Nederlands");
        await dialog.Button("Save site").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.FindAll("button").ShouldNotContain(b => b.TextContent.Trim() == "Save site"));

        (await portal.Get<PortalCatalog>().GetAsync()).Sites.Single(s => s.Name == "Remote").DefaultLanguage.ShouldBe("nl");
        cut.WaitForAssertion(() => cut.Row("Remote").Cell("Look").ShouldEndWith("Other browsers: Nederlands"));
        cut.Row("Support").Cell("Look").ShouldNotContain("Other browsers");
        var reopened = admin.OpenDialog(cut.Button("Edit site Remote"), "Save site");
        reopened.Input("Language for other browsers").GetAttribute("value").ShouldBe("Nederlands");
    }
}
