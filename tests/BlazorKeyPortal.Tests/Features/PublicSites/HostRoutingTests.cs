using System.Net;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>A request whose Host names a public site gets that site's pages; every other hostname gets the portal.</summary>
public sealed class HostRoutingTests(PublicSitePortal portal) : IClassFixture<PublicSitePortal>
{
    [Theory]
    [InlineData("support.localhost", "Example Support", "Support", "#1565c0", "Enter the seven-digit session key your support contact gave you.")]
    [InlineData("support.example.com", "Example Support", "Support", "#1565c0", "Enter the seven-digit session key your support contact gave you.")]
    [InlineData("REMOTE.localhost", "Example Remote Assistance", "Remote", "#2e7d32", "Remote assistance for field offices.")]
    public async Task A_public_sites_hostname_serves_its_front_page_with_its_name_title_colour_and_notice(
        string host, string title, string name, string color, string notice)
    {
        var page = await portal.Customer(host).GetAsync("/");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Heading.ShouldBe("Start your support session");
        page.Document.Title.ShouldBe($"Start your support session · {title}");
        page.Document.QuerySelector("header p")!.TextContent.Trim().ShouldBe(title);
        page.Document.QuerySelector("footer")!.TextContent.ShouldContain(name);
        page.Document.QuerySelector(".notice")!.TextContent.ShouldBe(notice);
        page.Document.QuerySelector("style")!.TextContent.ShouldContain($"--site-color: {color};");
        page.Document.QuerySelector("label[for=short_key]")!.TextContent.ShouldBe("Session key");
        page.Document.QuerySelector("button")!.TextContent.ShouldBe("Start session");
    }

    [Fact]
    public async Task The_portals_own_hostname_serves_the_portal()
    {
        // The portal's start page needs a sign-in: an anonymous visitor is sent to the portal's
        // provider, never served a public site's page.
        using var response = await portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.AbsolutePath.ShouldBe("/connect/authorize");
        // The portal's own policy, not the public sites' stricter no-referrer.
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
    }

    [Fact]
    public async Task Public_pages_carry_no_portal_chrome_and_no_script()
    {
        var page = await portal.Customer("remote.localhost").GetAsync("/");

        page.Document.QuerySelectorAll("script").ShouldBeEmpty();
        page.Html.ShouldNotContain("mud-");
        page.Html.ShouldNotContain("BlazorKeyPortal");
    }

    [Fact]
    public async Task A_portal_page_does_not_exist_on_a_public_site()
    {
        var page = await portal.Customer("remote.localhost").GetAsync("/queue");

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Heading.ShouldBe("Page not found");
        page.Document.QuerySelector("header p")!.TextContent.Trim().ShouldBe("Example Remote Assistance");
    }

    [Fact]
    public async Task An_unknown_address_gets_the_not_found_page_of_its_hostname_and_machine_paths_stay_bare()
    {
        var onSite = await portal.Customer("support.localhost").GetAsync("/no-such-page");
        var onPortal = await PublicPageResult.ReadAsync(await portal.CreateClient().GetAsync("/no-such-page"));
        var onApi = await portal.CreateClient().GetAsync("/api/no-such-command");

        onSite.Status.ShouldBe(HttpStatusCode.NotFound);
        onSite.Heading.ShouldBe("Page not found");
        onPortal.Status.ShouldBe(HttpStatusCode.NotFound);
        onPortal.Heading.ShouldBe("Not found");
        onApi.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await onApi.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Public_pages_send_strict_security_headers()
    {
        var page = await portal.Customer("support.localhost").GetAsync("/");

        var nonce = page.Document.QuerySelector("style")!.GetAttribute("nonce").ShouldNotBeNull();
        page.Header("Content-Security-Policy").ShouldBe(
            $"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        page.Header("X-Frame-Options").ShouldBe("DENY");
        page.Header("Referrer-Policy").ShouldBe("no-referrer");
        page.Header("X-Content-Type-Options").ShouldBe("nosniff");
        page.Header("Cache-Control").ShouldBe("no-store");
    }

    [Fact]
    public async Task Every_response_has_a_fresh_stylesheet_nonce()
    {
        var customer = portal.Customer("support.localhost");

        var first = (await customer.GetAsync("/")).Document.QuerySelector("style")!.GetAttribute("nonce");
        var second = (await customer.GetAsync("/")).Document.QuerySelector("style")!.GetAttribute("nonce");

        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task A_key_urls_landing_page_sends_no_referrer_and_is_not_stored()
    {
        var (_, keyUrl) = await portal.GenerateKeyAsync();

        var landing = await portal.Customer("remote.localhost").OpenAsync(keyUrl);

        landing.Header("Referrer-Policy").ShouldBe("no-referrer");
        landing.Header("Cache-Control").ShouldBe("no-store");
        landing.Document.QuerySelector("form")!.GetAttribute("action").ShouldBe("/start"); // the access key leaves the address
    }

    [Fact]
    public async Task Public_forms_work_without_the_portals_sign_in_cookies()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var customer = portal.Customer("support.localhost");

        var started = await customer.EnterKeyAsync(shortKey);

        started.Heading.ShouldBe("You are in the queue");
        // The one cookie the browser sent is the site's own antiforgery cookie.
        var cookies = started.Response.RequestMessage!.Headers.GetValues("Cookie").SelectMany(c => c.Split("; ")).ToList();
        cookies.ShouldHaveSingleItem().ShouldStartWith(".AspNetCore.Antiforgery.");
    }

    [Fact]
    public async Task Public_pages_stay_open_when_the_portal_requires_sign_in_everywhere_else()
    {
        await using var signInRequired = new SignInRequiredPortal();
        // Issued directly: /oauth2/token itself is not open under such a policy (that is the sign-in's to settle).
        var issued = await signInRequired.Get<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "general" }, KeyIssuer.User("agent", new HashSet<int> { 1 }), portalOrigin: null);
        var shortKey = issued.Key.ShouldNotBeNull().ShortKey;

        var started = await signInRequired.Customer("support.localhost").EnterKeyAsync(shortKey);
        var api = await CommandResult.ReadAsync(await signInRequired.CreateClient().GetAsync("/api/start_session?short_key=ZZZZZZZ"));

        started.Heading.ShouldBe("You are in the queue");
        api.Error.ShouldStartWith("We could not find this session key.");
    }

    /// <summary>A fallback policy like the one a sign-in may bring: every endpoint without its own rule needs a signed-in user.</summary>
    private sealed class SignInRequiredPortal : PublicSitePortal
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddAuthorizationBuilder()
                .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
        }
    }

    [Fact]
    public async Task The_command_api_answers_on_a_public_sites_hostname_as_on_an_appliance()
    {
        var api = await new CommandApiClient(portal.CreateClient(new() { BaseAddress = new Uri("http://support.example.com") })).SignedInAsync();

        var reply = await api.GenerateAsync("queue_id=general&url_hostname=support.example.com");

        reply.ShouldBeSessionKey().Element("key_url").ShouldStartWith("https://support.example.com/?ak=");
    }

    [Fact]
    public async Task A_disabled_site_is_closed_and_takes_no_key()
    {
        await using var closed = new PublicSitePortal();
        var (shortKey, _) = await closed.GenerateKeyAsync();
        await closed.WriteAsync(scope => scope.Db.PublicSites.Where(s => s.Name == "Remote").ExecuteUpdate(s => s.SetProperty(x => x.IsEnabled, false)));
        await closed.RefreshCatalogAsync();

        var front = await closed.Customer("remote.localhost").GetAsync("/");
        var api = await CommandResult.ReadAsync(await closed.Customer("remote.localhost").Http.GetAsync($"/api/start_session?short_key={shortKey}"));

        front.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        front.Problem.ShouldBe("This support site is not accepting sessions at the moment. Please contact your support team.");
        api.Error.ShouldBe(front.Problem);
        (await closed.KeyAsync(shortKey)).RedeemedAt.ShouldBeNull();
    }
}
