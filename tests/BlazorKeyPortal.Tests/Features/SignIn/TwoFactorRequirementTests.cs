using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>A role that requires two-factor sign-in, and codes that spend the sign-in throttle (each on a portal of its own).</summary>
public sealed partial class TwoFactorRequirementTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    [Fact]
    public async Task A_role_that_requires_two_factor_sign_in_takes_its_users_through_enrolment_before_the_portal()
    {
        // Arrange: Supervisor requires two factors; a supervisor who never set up an app
        await portal.Get<TwoFactorRequirements>().SetAsync("user:admin", PortalRoles.Supervisor, required: true);
        var name = $"sam-{Guid.NewGuid().ToString("N")[..6]}";
        (await portal.Get<UserAccounts>().CreateAsync(null, name, [PortalRoles.Supervisor], null, null, TwoFactorSignInTests.OwnPassword)).Succeeded.ShouldBeTrue();
        var browser = portal.NewBrowser();

        // Act: the password leads to the set-up page; the code of its key turns it on and shows the recovery codes
        var setup = await browser.SignInAsync(name, TwoFactorSignInTests.OwnPassword);
        setup.Address.AbsolutePath.ShouldBe(SignInSteps.EnrolmentPath, setup.Html);
        setup.Html.ShouldContain("data:image/png;base64,");
        var key = Key().Match(setup.Html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var codes = await TwoFactorUsers.SubmitCodeAsync(browser, setup, Totp.Code(key, DateTimeOffset.UtcNow));
        var portalPage = await TwoFactorUsers.SubmitAsync(browser, codes);

        // Assert: ten recovery codes, then the page asked for; the next sign-in asks for a code
        RecoveryCode().Count(codes.Html).ShouldBe(10, codes.Html);
        portalPage.Address.AbsolutePath.ShouldBe("/keys/new", portalPage.Html);
        var next = portal.NewBrowser();
        (await next.SignInAsync(name, TwoFactorSignInTests.OwnPassword)).Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
    }

    [Fact]
    public async Task Wrong_codes_spend_the_sign_in_throttle_as_wrong_passwords_do()
    {
        var (name, key, _) = await TwoFactorUsers.EnrolledAsync(portal, "xia");
        var browser = portal.NewBrowser();
        var form = await browser.SignInAsync(name, TwoFactorSignInTests.OwnPassword);
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(2));

        var tries = 0;
        while (!form.Html.Contains("Too many failed sign-ins", StringComparison.Ordinal) && tries < 30)
        {
            form = await TwoFactorUsers.SubmitCodeAsync(browser, form, wrong);
            tries++;
        }
        var right = await TwoFactorUsers.SubmitCodeAsync(browser, form, Totp.Code(key, DateTimeOffset.UtcNow));

        tries.ShouldBe(11);
        form.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        right.Html.ShouldContain("Too many failed sign-ins");
        right.Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex Key();

    [GeneratedRegex("<li><code>[^<]+</code></li>")]
    private static partial Regex RecoveryCode();
}
