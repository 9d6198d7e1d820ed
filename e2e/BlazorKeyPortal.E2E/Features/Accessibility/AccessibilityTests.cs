using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.Accessibility;

[Collection(PortalBrowserCollection.Name)]
public sealed class AccessibilityTests(PortalBrowser browser)
{
    [Fact]
    public async Task Sign_in_generate_and_my_keys_have_no_serious_or_critical_axe_violations()
    {
        var page = await browser.NewPageAsync();
        await using var _ = new ClosingContext(page);

        var signIn = await new SignInPage(page).OpenAsync("/keys/new");
        await page.ShouldHaveNoSeriousAxeViolationsAsync("sign-in");

        await signIn.SignInAsync("agent");
        var generate = await new GeneratePage(page).OpenAsync("?external_key=INC0012345&session.priority=2");
        foreach (var field in new[] { generate.Queue, generate.PublicSite, generate.ExternalKey, generate.Priority, generate.Skills, generate.TimeToLive })
        {
            await Assertions.Expect(field).ToBeVisibleAsync();
        }
        await page.ShouldHaveNoSeriousAxeViolationsAsync("generate");

        await page.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(page, "generate-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await generate.GenerateAsync();
        await page.ShouldHaveNoSeriousAxeViolationsAsync("key-result");

        await new MyKeysPage(page).OpenAsync();
        await page.ShouldHaveNoSeriousAxeViolationsAsync("my-keys");
    }
}
