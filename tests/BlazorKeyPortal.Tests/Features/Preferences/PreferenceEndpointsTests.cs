using System.Net;
using BlazorKeyPortal.Features.Preferences;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Preferences;

/// <summary>The app bar's theme switch is a form post, so that it works on pages whose layout has no circuit.</summary>
public sealed class PreferenceEndpointsTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    [Fact]
    public async Task The_theme_form_saves_the_choice_and_returns_to_the_page_it_was_sent_from()
    {
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("agent");
        page.Html.ShouldContain("aria-label=\"Use the dark theme\"");

        var back = await browser.PostFormAsync(PreferenceEndpoints.ThemePath, ("__RequestVerificationToken", PortalBrowserClient.Token(page.Html)),
            ("dark", "true"), ("returnUrl", "/keys/new?queue_id=team:1"));

        back.Address.PathAndQuery.ShouldBe("/keys/new?queue_id=team:1");
        back.Html.ShouldContain("aria-label=\"Use the light theme\"");
        (await portal.Get<UserPreferenceStore>().GetAsync("agent")).DarkMode.ShouldBeTrue();
    }

    [Fact]
    public async Task A_return_address_off_the_portal_leads_to_the_start_page_instead()
    {
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("agent2");

        var back = await browser.PostFormAsync(PreferenceEndpoints.ThemePath, ("__RequestVerificationToken", PortalBrowserClient.Token(page.Html)),
            ("dark", "false"), ("returnUrl", "https://elsewhere.example/"));

        back.Address.Host.ShouldBe("localhost");
        back.Address.AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public async Task Without_the_pages_antiforgery_token_nothing_is_saved()
    {
        var browser = portal.NewBrowser();
        await browser.SignInAsync("supervisor");

        using var response = await browser.Http.PostAsync(PreferenceEndpoints.ThemePath,
            new FormUrlEncodedContent([new("dark", "true"), new("returnUrl", "/")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await portal.Get<UserPreferenceStore>().GetAsync("supervisor")).DarkMode.ShouldBeFalse();
    }

    [Fact]
    public async Task An_anonymous_post_is_sent_to_sign_in_and_saves_nothing()
    {
        var browser = portal.NewBrowser();

        var page = await browser.PostFormAsync(PreferenceEndpoints.ThemePath, ("dark", "true"), ("returnUrl", "/"));

        page.Address.AbsolutePath.ShouldBe("/account/login");
    }
}
