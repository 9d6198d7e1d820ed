using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>Signing in with an authenticator app: the codes are computed here from the shared key, as an app computes them.</summary>
public sealed class TwoFactorSignInTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    public const string OwnPassword = "Own-Passw0rd!";

    [Fact]
    public async Task A_user_with_two_factor_sign_in_reaches_the_portal_only_with_a_code_of_the_shared_key()
    {
        var (name, key, _) = await TwoFactorUsers.EnrolledAsync(portal, "tara");
        var browser = portal.NewBrowser();

        var asked = await browser.SignInAsync(name, OwnPassword);
        var signedIn = await TwoFactorUsers.SubmitCodeAsync(browser, asked, Totp.Code(key, DateTimeOffset.UtcNow));

        asked.Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
        asked.Html.ShouldContain("Enter the 6-digit code");
        signedIn.Address.AbsolutePath.ShouldBe("/keys/new", signedIn.Html);
        signedIn.Html.ShouldContain("Generate a session key");
    }

    [Fact]
    public async Task A_wrong_code_keeps_the_user_on_the_code_form()
    {
        var (name, key, _) = await TwoFactorUsers.EnrolledAsync(portal, "uma");
        var browser = portal.NewBrowser();
        var asked = await browser.SignInAsync(name, OwnPassword);
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(1));

        var again = await TwoFactorUsers.SubmitCodeAsync(browser, asked, wrong);

        again.Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
        again.Html.ShouldContain("That code is not correct.");
        (await browser.GetAsync("/keys/new")).Address.AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (name, _, recoveryCodes) = await TwoFactorUsers.EnrolledAsync(portal, "vic");
        var first = portal.NewBrowser();
        var second = portal.NewBrowser();

        var once = await TwoFactorUsers.SubmitCodeAsync(first, await first.SignInAsync(name, OwnPassword), recoveryCodes[0]);
        var twice = await TwoFactorUsers.SubmitCodeAsync(second, await second.SignInAsync(name, OwnPassword), recoveryCodes[0]);

        recoveryCodes.Count.ShouldBe(10);
        once.Address.AbsolutePath.ShouldBe("/keys/new", once.Html);
        twice.Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
        twice.Html.ShouldContain("That code is not correct.");
    }

    [Fact]
    public async Task The_password_alone_opens_no_provider_session_for_a_user_with_two_factor_sign_in()
    {
        var (name, _, _) = await TwoFactorUsers.EnrolledAsync(portal, "wes");
        var browser = portal.NewBrowser();

        await browser.SignInAsync(name, OwnPassword);
        var authorize = await browser.GetAsync("/keys/new");

        // The code form only: going round it to the portal leads back to the password form.
        authorize.Address.AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task After_a_password_reset_a_user_with_two_factor_sign_in_gives_the_code_before_choosing_a_new_password()
    {
        var (name, key, _) = await TwoFactorUsers.EnrolledAsync(portal, "yan");
        var oneTime = (await portal.Get<UserAccounts>().ResetPasswordAsync("user:admin", name)).OneTimePassword!;
        var browser = portal.NewBrowser();

        var asked = await browser.SignInAsync(name, oneTime);
        var choose = await TwoFactorUsers.SubmitCodeAsync(browser, asked, Totp.Code(key, DateTimeOffset.UtcNow));
        var same = await TwoFactorUsers.SubmitAsync(browser, choose, ("NewPassword", oneTime), ("ConfirmPassword", oneTime));
        var chosen = await TwoFactorUsers.SubmitAsync(browser, same, ("NewPassword", "Chosen-Passw0rd!"), ("ConfirmPassword", "Chosen-Passw0rd!"));

        // The one-time password alone never reaches the form that sets the password of such a user.
        asked.Address.AbsolutePath.ShouldBe(SignInSteps.TwoFactorPath);
        choose.Address.AbsolutePath.ShouldBe(SignInSteps.NewPasswordPath);
        same.Html.ShouldContain("Choose a password other than the one-time password.");
        chosen.Address.AbsolutePath.ShouldBe("/keys/new", chosen.Html);
    }

    [Fact]
    public async Task A_user_locked_between_the_password_and_the_code_is_told_the_sign_in_expired()
    {
        var (name, key, _) = await TwoFactorUsers.EnrolledAsync(portal, "zoe");
        var browser = portal.NewBrowser();
        var asked = await browser.SignInAsync(name, OwnPassword);

        await portal.Get<UserAccounts>().LockAsync("user:admin", name, DateTimeOffset.UtcNow.AddHours(1));
        var answer = await TwoFactorUsers.SubmitCodeAsync(browser, asked, Totp.Code(key, DateTimeOffset.UtcNow));

        answer.Html.ShouldContain("This sign-in has expired.");
        (await browser.GetAsync("/keys/new")).Address.AbsolutePath.ShouldBe("/account/login");
    }
}

/// <summary>Users with two-factor sign-in for the tests, and the code form as a browser submits it.</summary>
internal static partial class TwoFactorUsers
{
    /// <summary>A new agent with <see cref="TwoFactorSignInTests.OwnPassword"/> who set up an app on My account.</summary>
    public static async Task<(string Name, string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(PortalFactory portal, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await portal.Get<UserAccounts>().CreateAsync(null, name, ["Agent"], null, null, TwoFactorSignInTests.OwnPassword)).Succeeded.ShouldBeTrue();
        var twoFactor = portal.Get<UserTwoFactor>();
        var key = (await twoFactor.PrepareAsync(name))!;
        var codes = (await twoFactor.ConfirmAsync(name, Totp.Code(key, DateTimeOffset.UtcNow)))!;
        (await twoFactor.EnableAsync(name)).Succeeded.ShouldBeTrue();
        return (name, key, codes);
    }

    public static Task<PortalBrowserClient.Page> SubmitCodeAsync(PortalBrowserClient browser, PortalBrowserClient.Page form, string code) =>
        SubmitAsync(browser, form, ("Code", code));

    /// <summary>Posts the page's one form (a static Blazor form: its handler name and antiforgery token) with <paramref name="fields"/>.</summary>
    public static Task<PortalBrowserClient.Page> SubmitAsync(PortalBrowserClient browser, PortalBrowserClient.Page form, params (string Name, string Value)[] fields)
    {
        var handler = Handler().Match(form.Html);
        handler.Success.ShouldBeTrue(form.Html);
        return browser.PostFormAsync(form.Address.PathAndQuery,
            [("_handler", WebUtility.HtmlDecode(handler.Groups[1].Value)), ("__RequestVerificationToken", PortalBrowserClient.Token(form.Html)), .. fields]);
    }

    [GeneratedRegex("<input[^>]*name=\"_handler\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex Handler();
}
