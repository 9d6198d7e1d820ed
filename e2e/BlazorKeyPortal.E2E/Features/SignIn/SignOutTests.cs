using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.SignIn;

/// <summary>Sign-out in a real browser: every cookie the browser held before is worthless after it.</summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class SignOutTests(PortalBrowser browser)
{
    [Fact]
    public async Task Cookies_copied_before_sign_out_lead_to_the_password_form_not_to_history()
    {
        // Arrange: a supervisor signed in, and a copy of every cookie their browser holds
        var page = await browser.NewPageAsync();
        await using var _ = new ClosingContext(page);
        await new SignInPage(page).OpenAsync("/history");
        await new SignInPage(page).SignInAsync("supervisor");
        await Assertions.Expect(page).ToHaveTitleAsync("Key history · BlazorKeyPortal");
        var copied = await page.Context.CookiesAsync();
        copied.ShouldContain(c => c.Name == ".BlazorKeyPortal.Session");
        copied.ShouldContain(c => c.Name == ".BlazorKeyPortal.Provider");

        // Act: the supervisor signs out; someone else restores the copies in a browser of their own
        await new PortalLayout(page).SignOutButton.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/signed-out", StringComparison.Ordinal));
        var thief = await browser.NewPageAsync();
        await using var __ = new ClosingContext(thief);
        await thief.Context.AddCookiesAsync(copied.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await thief.GotoAsync("/authentication/login?returnUrl=/history");

        // Assert: the provider asks for the password; History is not shown
        (await thief.TitleAsync()).ShouldNotBe("Key history · BlazorKeyPortal", thief.Url);
        new Uri(thief.Url).AbsolutePath.ShouldBe("/account/login");
        await Assertions.Expect(new SignInPage(thief).Password).ToBeVisibleAsync();
    }
}
