using System.Net;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>
/// A public site's hostname is no way into the portal: its key-entry form hands out a genuine antiforgery token, and
/// that token must not carry a password sign-in (or anything else of the portal) on the site's hostname.
/// </summary>
public sealed class PublicSiteBoundaryTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    [Fact]
    public async Task A_password_sign_in_posted_on_a_public_sites_hostname_with_the_sites_own_antiforgery_token_is_refused()
    {
        var customer = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://support.localhost"), AllowAutoRedirect = false });
        var keyEntry = await customer.GetStringAsync("/");
        var token = PortalBrowserClient.Token(keyEntry);

        using var response = await customer.PostAsync(BuiltInProvider.LoginPath, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("returnUrl", "/"), new("username", "agent"), new("password", PortalBrowserClient.Password),
        ]));

        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("\n", values) : "";
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{(int)response.StatusCode} {response.Headers.Location}\n{cookies}");
        cookies.ShouldBeEmpty();
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }

    [Fact]
    public async Task The_same_sign_in_on_the_portals_own_hostname_still_works()
    {
        var browser = portal.NewBrowser();

        var page = await browser.SignInAsync("agent", path: "/keys");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Address.AbsolutePath.ShouldBe("/keys");
    }
}
