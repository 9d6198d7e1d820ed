using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>A site's title, notice and invitation per language, each field falling back to the site's own.</summary>
public sealed class LocalizedSiteTextsTests
{
    private const string Admin = "user:admin";

    [Fact]
    public async Task A_language_with_an_override_uses_it_field_by_field_and_every_other_language_uses_the_sites_own_texts()
    {
        await using var portal = new PublicSitePortal();
        var site = await SiteAsync(portal, "Support");
        await SaveAsync(portal, site, new SiteLanguageForm { Language = "de", Title = "Beispiel-Support", InvitationBody = "Ihr Schlüssel: {short_key}" });
        var texts = portal.Get<LocalizedSiteTexts>();

        var german = await texts.ForAsync(site, "de");
        var swissGerman = await texts.ForAsync(site, "de-CH");
        var french = await texts.ForAsync(site, "fr");
        var bySiteId = await texts.ForAsync(site.Id, "de");

        german.ShouldBe(new SiteTexts("Beispiel-Support", site.Notice, site.MailSubjectTemplate, "Ihr Schlüssel: {short_key}"));
        swissGerman.ShouldBe(german);
        bySiteId.ShouldBe(german);
        french.ShouldBe(new SiteTexts(site.Title, site.Notice, site.MailSubjectTemplate, site.MailBodyTemplate));
        (await texts.ForAsync(999, "de")).ShouldBeNull();
    }

    [Fact]
    public async Task The_public_pages_show_the_override_of_their_language_and_the_sites_own_texts_elsewhere()
    {
        await using var portal = new PublicSitePortal();
        var site = await SiteAsync(portal, "Support");
        await SaveAsync(portal, site,
            new SiteLanguageForm { Language = "de", Title = "Beispiel-Support", Notice = "Geben Sie den siebenstelligen Sitzungsschlüssel ein." },
            new SiteLanguageForm { Language = "ja", Title = "サンプルサポート" });

        var german = await Customer(portal, "de").GetAsync("/");
        var japanese = await Customer(portal, "ja").GetAsync("/");
        var french = await Customer(portal, "fr").GetAsync("/");

        german.Document.Title.ShouldBe("Support-Sitzung starten · Beispiel-Support");
        german.Document.QuerySelector("header p")!.TextContent.ShouldBe("Beispiel-Support");
        german.Document.QuerySelector(".notice")!.TextContent.ShouldBe("Geben Sie den siebenstelligen Sitzungsschlüssel ein.");
        japanese.Document.QuerySelector("header p")!.TextContent.ShouldBe("サンプルサポート");
        japanese.Document.QuerySelector(".notice")!.TextContent.ShouldBe(site.Notice);
        french.Document.QuerySelector("header p")!.TextContent.ShouldBe(site.Title);
    }

    [Fact]
    public async Task Clearing_every_field_of_a_language_removes_its_row_and_the_audit_entry_names_the_languages()
    {
        await using var portal = new PublicSitePortal();
        var site = await SiteAsync(portal, "Remote");
        await SaveAsync(portal, site, new SiteLanguageForm { Language = "nl", Title = "Hulp op afstand" });

        await SaveAsync(portal, site, new SiteLanguageForm { Language = "nl", Title = "  " });

        await using var db = portal.CreateDbContext();
        (await db.PublicSiteTexts.CountAsync(t => t.SiteId == site.Id)).ShouldBe(0);
        (await portal.Get<LocalizedSiteTexts>().ForAsync(site, "nl")).Title.ShouldBe(site.Title);
        var audit = await db.AuditEntries.Where(e => e.SubjectType == SiteAdministration.SubjectType).OrderBy(e => e.Sequence).Select(e => e.Details).ToListAsync();
        audit[^2].ShouldNotBeNull().ShouldContain("\"Language\":\"nl\",\"Title\":\"Hulp op afstand\"");
        audit[^1].ShouldNotBeNull().ShouldContain("\"after\":{");
    }

    [Fact]
    public async Task An_invitation_body_in_a_language_without_the_key_is_refused_and_names_the_language()
    {
        await using var portal = new PublicSitePortal();
        var site = await SiteAsync(portal, "Support");
        var form = SiteForm.From(site);
        form.Languages = SiteLanguageForm.ForEveryLanguage([]);
        form.Languages.Single(l => l.Language == "fr").InvitationBody = "Bonjour, voici le lien.";

        var result = await portal.Get<SiteAdministration>().SaveAsync(Admin, form);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.ErrorMessage).ShouldBe(["Français (fr): the invitation body must contain {key_url} or {short_key}, or the customer cannot start a session."]);
    }

    private static async Task<SiteInfo> SiteAsync(PublicSitePortal portal, string name) =>
        (await portal.Get<PortalCatalog>().GetAsync()).Sites.Single(s => s.Name == name);

    private static async Task SaveAsync(PublicSitePortal portal, SiteInfo site, params SiteLanguageForm[] languages)
    {
        var form = SiteForm.From(site);
        form.Languages = SiteLanguageForm.ForEveryLanguage([]);
        foreach (var language in languages)
        {
            var index = form.Languages.FindIndex(l => l.Language == language.Language);
            form.Languages[index] = language;
        }
        var result = await portal.Get<SiteAdministration>().SaveAsync(Admin, form);
        result.Errors.ShouldBeEmpty();
    }

    private static CustomerBrowser Customer(PublicSitePortal portal, string acceptLanguage)
    {
        var customer = portal.Customer("support.localhost");
        customer.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return customer;
    }
}
