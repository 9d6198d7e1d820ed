using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.PublicSites;

/// <summary>A customer whose browser speaks German gets the public pages in German, and can pick another language.</summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class PublicLanguageTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_german_browser_gets_the_german_key_entry_page_and_picking_Francais_switches_and_stays_french()
    {
        // Arrange: a browser set to German on the Support site
        var customer = await browser.NewPageAsync(baseAddress: browser.Portal.SiteAddress("support.localhost"), locale: "de-DE");
        await using var close = new ClosingContext(customer);
        var picker = new LanguagePicker(customer);
        var heading = customer.GetByRole(AriaRole.Heading, new() { Level = 1 });

        // Act: open the front page
        await customer.GotoAsync("/");

        // Assert: German throughout, the picker marks Deutsch, and axe finds nothing serious
        await Assertions.Expect(heading).ToHaveTextAsync("Support-Sitzung starten");
        await Assertions.Expect(picker.Document).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(customer.GetByLabel("Sitzungsschlüssel", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Button, new() { Name = "Sitzung starten", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(picker.Language("Deutsch")).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(picker.Language("Français")).ToHaveAttributeAsync("hreflang", "fr");
        await customer.ShouldHaveNoSeriousAxeViolationsAsync("public-key-entry-de");

        // Act: pick Français, then come back to the front page as a new visit would
        await picker.Language("Français").ClickAsync();
        await Assertions.Expect(heading).ToHaveTextAsync("Démarrer votre session d'assistance");
        await customer.GotoAsync("/");

        // Assert: still French, and a wrong key is explained in French
        await Assertions.Expect(picker.Document).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(picker.Language("Français")).ToHaveAttributeAsync("aria-current", "true");
        await customer.GetByLabel("Clé de session", new() { Exact = true }).FillAsync("ZZZZZ99");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Démarrer la session", Exact = true }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nous n'avons pas trouvé cette clé de session.");
        await customer.ShouldHaveNoSeriousAxeViolationsAsync("public-key-entry-fr");
    }
}
