using System.Security.Claims;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using BlazorKeyPortal.Tests.Features.Administration;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Features.Users;

/// <summary>My account for a user of the built-in provider, on the real user store.</summary>
public sealed partial class MyAccountPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "Own-Passw0rd!";

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one()
    {
        var name = await NewUserAsync("ada");
        await using var context = SignedIn(name);
        var cut = context.Render<MyAccountPage>();
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Signed in as"));

        cut.Input("Current password").Change(Password);
        cut.Input("New password").Change("Next-Passw0rd!");
        cut.Input("Repeat the new password").Change("Next-Passw0rd!");
        await cut.Button("Change password").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=password-outcome]").TextContent.ShouldContain("Your password was changed."));
        (await portal.Get<UserAccounts>().ChangeOwnPasswordAsync(name, "Next-Passw0rd!", "Third-Passw0rd!")).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var name = await NewUserAsync("bea");
        await using var context = SignedIn(name);
        var cut = context.Render<MyAccountPage>();
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Signed in as"));

        cut.Input("Current password").Change("not-it");
        cut.Input("New password").Change("Next-Passw0rd!");
        cut.Input("Repeat the new password").Change("Next-Passw0rd!");
        await cut.Button("Change password").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=password-outcome]").TextContent.ShouldBe("The current password is not correct."));
    }

    [Fact]
    public async Task A_user_sets_up_an_authenticator_app_and_sees_ten_recovery_codes_before_it_is_turned_on()
    {
        var name = await NewUserAsync("cai");
        await using var context = SignedIn(name);
        var cut = context.Render<MyAccountPage>();
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Signed in as"));

        await cut.Button("Set up two-factor sign-in").ClickAsync(new());
        cut.WaitForAssertion(() => cut.Find("[data-testid=authenticator-qr]"));
        var key = cut.Find("[data-testid=authenticator-key]").TextContent.Replace(" ", "", StringComparison.Ordinal);
        cut.Input("Code from the app").Change(Totp.Code(key, DateTimeOffset.UtcNow));
        await cut.Button("Check the code").ClickAsync(new());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=recovery-codes] li").Count.ShouldBe(10));
        (await portal.Get<UserAccounts>().ListAsync()).Single(u => u.UserName == name).TwoFactorEnabled.ShouldBeFalse();
        await cut.Button("I have saved them: turn on two-factor sign-in").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=two-factor-outcome]").TextContent.ShouldContain("Two-factor sign-in is on."));
        (await portal.Get<UserAccounts>().ListAsync()).Single(u => u.UserName == name).TwoFactorEnabled.ShouldBeTrue();
    }

    private async Task<string> NewUserAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await portal.Get<UserAccounts>().CreateAsync(null, name, [PortalRoles.Agent], null, null, Password)).Succeeded.ShouldBeTrue();
        return name;
    }

    private BunitContext SignedIn(string name)
    {
        portal.Started();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(Options.Create(new PortalSignInOptions()));
        context.Services.AddSingleton(portal.Get<UserAccounts>());
        context.Services.AddSingleton(portal.Get<UserTwoFactor>());
        context.AddAuthorization().SetAuthorized(name)
            .SetClaims(new Claim(PortalClaims.UserName, name), new Claim(PortalClaims.Role, PortalRoles.Agent))
            .SetRoles(PortalRoles.Agent)
            .SetPolicies(PortalPolicies.IssueKeys);
        return context;
    }
}
