using System.Net;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>The public pages in the customer's language: from Accept-Language, or picked and kept in a cookie.</summary>
public sealed class PublicLanguageTests(PublicSitePortal portal) : IClassFixture<PublicSitePortal>
{
    [Theory]
    [InlineData("de", "de", "Support-Sitzung starten")]
    [InlineData("de-CH", "de", "Support-Sitzung starten")]
    [InlineData("ja", "ja", "サポートセッションを開始")]
    [InlineData("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja", "サポートセッションを開始")]
    [InlineData("fr;q=0.4, nl;q=0.8, de;q=0.6", "nl", "Start uw ondersteuningssessie")]
    [InlineData("pt-BR, sv;q=0.9, es-MX;q=0.3", "es", "Inicie su sesión de soporte")]
    [InlineData("fr-CA", "fr", "Démarrer votre session d'assistance")]
    [InlineData("pt-BR", "en", "Start your support session")]
    [InlineData("", "en", "Start your support session")]
    public async Task The_front_page_speaks_the_first_supported_language_the_browser_asks_for(string acceptLanguage, string lang, string heading)
    {
        var page = await Customer(acceptLanguage).GetAsync("/");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.DocumentElement.GetAttribute("lang").ShouldBe(lang);
        page.Document.DocumentElement.GetAttribute("dir").ShouldBe("ltr");
        page.Heading.ShouldBe(heading);
        page.Header("Content-Language").ShouldBe(lang);
    }

    [Fact]
    public async Task A_language_picked_in_the_picker_is_kept_in_a_cookie_over_the_browsers_language()
    {
        var customer = Customer("de-DE");

        var picked = await customer.GetAsync("/?lang=fr");
        var next = await customer.GetAsync("/");
        var wrongKey = await customer.EnterKeyAsync("ZZZZZ99");

        picked.Heading.ShouldBe("Démarrer votre session d'assistance");
        picked.Header("Set-Cookie").ShouldNotBeNull().ShouldContain($"{PublicLanguages.CookieName}=c%3Dfr%7Cuic%3Dfr");
        picked.Header("Set-Cookie").ShouldNotBeNull().ShouldContain("httponly");
        next.Document.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        wrongKey.Document.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        wrongKey.Problem.ShouldNotBeNull().ShouldStartWith("Nous n'avons pas trouvé cette clé de session.");
    }

    [Fact]
    public async Task A_language_the_pages_do_not_speak_in_the_address_is_ignored_and_not_remembered()
    {
        var page = await Customer("nl").GetAsync("/?lang=xx");

        page.Document.DocumentElement.GetAttribute("lang").ShouldBe("nl");
        page.Header("Set-Cookie")?.ShouldNotContain(PublicLanguages.CookieName);
    }

    [Fact]
    public async Task The_picker_is_a_labelled_list_of_links_each_in_its_own_language_with_the_current_one_marked()
    {
        var page = await Customer("es").GetAsync("/");

        var nav = page.Document.QuerySelector("header nav").ShouldNotBeNull();
        nav.GetAttribute("aria-label").ShouldBe("Idioma");
        var links = nav.QuerySelectorAll("ul > li > a").ToList();
        links.Select(a => a.TextContent).ShouldBe(["English", "Deutsch", "Français", "Español", "Nederlands", "日本語"]);
        links.Select(a => a.GetAttribute("lang")).ShouldBe(["en", "de", "fr", "es", "nl", "ja"]);
        links.Select(a => a.GetAttribute("hreflang")).ShouldBe(["en", "de", "fr", "es", "nl", "ja"]);
        links.Select(a => a.GetAttribute("href")).ShouldBe(["/?lang=en", "/?lang=de", "/?lang=fr", "/?lang=es", "/?lang=nl", "/?lang=ja"]);
        links.Where(a => a.HasAttribute("aria-current")).Select(a => (a.TextContent, a.GetAttribute("aria-current"))).ShouldBe([("Español", "true")]);
    }

    [Fact]
    public async Task On_a_key_urls_landing_page_the_picker_keeps_the_access_key()
    {
        var (_, keyUrl) = await portal.GenerateKeyAsync();
        var accessKey = new Uri(keyUrl).Query.Split("ak=")[1];

        var landing = await Customer("de").OpenAsync(keyUrl);

        landing.Heading.ShouldBe("Ihre Support-Sitzung ist bereit");
        landing.Document.QuerySelector("a[hreflang=ja]")!.GetAttribute("href").ShouldBe($"/?ak={accessKey}&lang=ja");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("nl")]
    [InlineData("ja")]
    public async Task Every_public_page_has_the_lang_of_its_language(string language)
    {
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync();
        var customer = Customer(language);

        var pages = new Dictionary<string, PublicPageResult>
        {
            ["key entry"] = await customer.GetAsync("/"),
            ["landing"] = await customer.OpenAsync(keyUrl),
            ["unusable landing"] = await customer.OpenAsync("/?ak=0123456789abcdef0123456789abcdef"),
            ["wrong key"] = await customer.EnterKeyAsync("ZZZZZ99"),
            ["not found"] = await customer.GetAsync("/no-such-page"),
            ["session started"] = await customer.EnterKeyAsync(shortKey),
        };

        foreach (var (name, page) in pages)
        {
            page.Document.DocumentElement.GetAttribute("lang").ShouldBe(language, name);
            if (language != PublicLanguages.Default) page.Text.ShouldNotContain("support session", Case.Insensitive, name);
        }
        pages["not found"].Status.ShouldBe(HttpStatusCode.NotFound);
        pages["session started"].Document.QuerySelector("[role=status]").ShouldNotBeNull();
        pages["session started"].Document.QuerySelector("nav").ShouldBeNull();
    }

    [Theory]
    [InlineData("es", "No hemos encontrado esta clave de sesión. Compruebe que ha escrito correctamente los siete caracteres. Si sigue sin funcionar, pida una nueva clave de sesión a su contacto de soporte.")]
    [InlineData("ja", "このセッションキーが見つかりませんでした。7文字すべてを正しく入力したかご確認ください。それでもうまくいかない場合は、サポート担当者に新しいセッションキーをお求めください。")]
    public async Task A_wrong_key_is_explained_in_the_customers_language(string language, string message)
    {
        var page = await Customer(language).EnterKeyAsync("ZZZZZ99");

        page.Problem.ShouldBe(message);
    }

    [Fact]
    public async Task An_expired_key_url_is_explained_in_spanish()
    {
        var (_, keyUrl) = await portal.GenerateKeyAsync("queue_id=general&url_hostname=remote.localhost&ttl=60");
        portal.Clock.Advance(TimeSpan.FromSeconds(60));

        var landing = await Customer("es-ES").OpenAsync(keyUrl);

        landing.Heading.ShouldBe("Esta clave no permite iniciar una sesión");
        landing.Problem.ShouldBe("Esta clave de sesión ha caducado. Pida una nueva clave de sesión a su contacto de soporte.");
    }

    [Fact]
    public async Task The_command_api_and_the_portals_own_pages_stay_english_whatever_the_browser_asks()
    {
        var api = portal.CreateClient();
        api.DefaultRequestHeaders.Add("Accept-Language", "de");

        var reply = await api.GetAsync("/api/start_session?short_key=ZZZZZ99");
        var portalPage = await PublicPageResult.ReadAsync(await api.GetAsync("/no-such-page"));

        (await reply.Content.ReadAsStringAsync()).ShouldContain("We could not find this session key.");
        portalPage.Document.DocumentElement.GetAttribute("lang").ShouldBe("en");
        portalPage.Header("Content-Language").ShouldBeNull();
    }

    [Fact]
    public async Task The_too_many_attempts_answer_is_in_the_customers_language()
    {
        await using var tight = new TwoFailuresPerAddress();
        var customer = tight.Customer("support.localhost", "203.0.113.77");
        customer.Http.DefaultRequestHeaders.Add("Accept-Language", "es");
        for (var guess = 0; guess < 2; guess++) await customer.EnterKeyAsync($"ZZZZZ{guess:00}");

        var refused = await customer.EnterKeyAsync("ZZZZZ99");

        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Document.DocumentElement.GetAttribute("lang").ShouldBe("es");
        refused.Heading.ShouldBe("Demasiados intentos");
        refused.Problem.ShouldBe("Ha habido demasiados intentos con claves que no funcionaron. Espere 8 minutos e inténtelo de nuevo, o pida ayuda a su contacto de soporte.");
    }

    /// <summary>Two failures per address, one more every 7.5 minutes.</summary>
    private sealed class TwoFailuresPerAddress : PublicSitePortal
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["FailedRedemptions:PerAddressLimit"] = "2",
            ["FailedRedemptions:PerAddressWindow"] = "00:15:00",
            ["FailedRedemptions:GlobalLimit"] = "100",
            ["FailedRedemptions:GlobalWindow"] = "01:00:00",
        };
    }

    private CustomerBrowser Customer(string acceptLanguage, string host = "support.localhost")
    {
        var customer = portal.Customer(host);
        if (acceptLanguage.Length > 0) customer.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return customer;
    }
}
