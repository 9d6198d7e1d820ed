using System.Net;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>The whole sign-in: portal challenge, built-in provider's form, code with PKCE, portal cookie; and sign-out.</summary>
public sealed class SignInFlowTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    [Fact]
    public async Task An_agent_signs_in_through_the_built_in_provider_and_lands_on_the_page_asked_for()
    {
        var browser = portal.NewBrowser();

        var page = await browser.SignInAsync("agent", path: "/keys/new");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Address.AbsolutePath.ShouldBe("/keys/new");
        page.Html.ShouldContain("Generate a session key");
        page.Redirects.ShouldContain(u => u.AbsolutePath == "/signin-oidc" && u.Query.Contains("code=", StringComparison.Ordinal));
        await using var db = portal.CreateDbContext();
        (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignIn && e.SubjectId == "agent")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_returns_to_the_form_with_a_message_and_the_name_typed()
    {
        var browser = portal.NewBrowser();
        var form = await browser.GetAsync("/keys/new");

        var again = await browser.SubmitSignInAsync(form, "agent2", "wrong-password");

        again.Address.AbsolutePath.ShouldBe("/account/login");
        again.Html.ShouldContain("The username or password is not correct.");
        again.Html.ShouldContain("value=\"agent2\"");
        await using var db = portal.CreateDbContext();
        (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.SubjectId == "agent2")).ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_passwords_never_lock_the_account_so_the_right_one_still_signs_in()
    {
        var browser = portal.NewBrowser();
        var form = await browser.GetAsync("/keys/new");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            form = await browser.SubmitSignInAsync(form, "supervisor", "wrong-password");
        }

        var last = await browser.SubmitSignInAsync(form, "supervisor", PortalBrowserClient.Password);

        last.Address.AbsolutePath.ShouldBe("/keys/new");
    }

    [Fact]
    public async Task Signing_out_ends_the_portal_session_and_the_providers_session()
    {
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("admin", path: "/keys");

        var signedOut = await browser.SignOutAsync(page);
        var afterwards = await browser.GetAsync("/keys");

        signedOut.Address.AbsolutePath.ShouldBe("/account/signed-out");
        signedOut.Redirects.ShouldContain(u => u.AbsolutePath == "/connect/endsession");
        // Neither cookie is left: the provider asks for the password again instead of signing in silently.
        afterwards.Address.AbsolutePath.ShouldBe("/account/login");
        await using var db = portal.CreateDbContext();
        (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignOut && e.SubjectId == "admin")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_sign_in_endpoint_never_returns_to_another_site(string returnUrl)
    {
        var browser = portal.NewBrowser();

        var page = await browser.SignInAsync("agent", path: "/authentication/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        page.Address.Host.ShouldBe("localhost");
        page.Address.AbsolutePath.ShouldBe("/");
    }
}
