using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>
/// A site with a language of its own (Support speaks German here, Remote keeps English): its pages speak it to browsers
/// that ask for none of the pages' languages, and a language the browser asks for or the customer picks still wins.
/// </summary>
public sealed class SiteDefaultLanguageTests(PublicSitePortal portal) : IClassFixture<PublicSitePortal>
{
    [Theory]
    [InlineData("support.localhost", "pt-BR, sv;q=0.9", "de", "Support-Sitzung starten")]
    [InlineData("support.localhost", "", "de", "Support-Sitzung starten")]
    [InlineData("support.localhost", "fr-CA", "fr", "Démarrer votre session d'assistance")]
    [InlineData("support.localhost", "en-US, de;q=0.5", "en", "Start your support session")]
    [InlineData("remote.localhost", "pt-BR, sv;q=0.9", "en", "Start your support session")]
    public async Task A_browser_that_asks_for_no_language_of_the_pages_gets_the_sites_own(string host, string acceptLanguage, string lang, string heading)
    {
        await SupportSpeaksGermanAsync();
        var customer = portal.Customer(host);
        if (acceptLanguage.Length > 0) customer.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await customer.GetAsync("/");

        page.Document.DocumentElement.GetAttribute("lang").ShouldBe(lang);
        page.Heading.ShouldBe(heading);
        page.Header("Content-Language").ShouldBe(lang);
    }

    [Fact]
    public async Task English_picked_in_the_picker_wins_over_the_sites_own_language()
    {
        await SupportSpeaksGermanAsync();
        var customer = portal.Customer("support.localhost");
        customer.Http.DefaultRequestHeaders.Add("Accept-Language", "pt-BR");

        var picked = await customer.GetAsync("/?lang=en");
        var next = await customer.GetAsync("/");

        picked.Heading.ShouldBe("Start your support session");
        next.Document.DocumentElement.GetAttribute("lang").ShouldBe("en");
    }

    /// <summary>Saves the Support site with German as its language, as the site dialog does.</summary>
    private async Task SupportSpeaksGermanAsync()
    {
        var support = (await portal.Get<PortalCatalog>().GetAsync()).Sites.Single(s => s.Name == "Support");
        if (support.DefaultLanguage == "de") return;
        var form = SiteForm.From(support);
        form.DefaultLanguage = "de";
        var result = await portal.Get<SiteAdministration>().SaveAsync("user:admin", form);
        result.Succeeded.ShouldBeTrue(string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
    }
}
