using System.Net;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// Portal sessions over real HTTP after a real sign-in: kept on the server, so sign-out ends every copy of the cookie,
/// and checked again against the user store once per revalidation interval.
/// </summary>
public sealed class PortalSessionTests(SessionPortalFactory portal) : IClassFixture<SessionPortalFactory>
{
    private const string ApiAccounts = "/admin/api-accounts";
    private const string Export = "/history/export.csv";

    [Fact]
    public async Task The_session_cookie_carries_only_a_key_and_the_session_lives_in_the_database()
    {
        await portal.CreateUserAsync("session-keeper", PortalRoles.Agent);
        var (browser, cookies) = portal.NewBrowserWithCookies();

        await browser.SignInAsync("session-keeper", path: "/keys/new");

        // A ticket with the provider's tokens would take thousands of characters.
        SessionPortalFactory.SessionCookie(cookies).Value.Length.ShouldBeLessThan(600);
        await using var db = portal.CreateDbContext();
        // The portal's session and the built-in provider's, each kept the same way.
        var sessions = await db.PortalSessions.Where(s => s.UserName == "session-keeper").ToListAsync();
        sessions.Count.ShouldBe(2);
        foreach (var session in sessions)
        {
            session.ExpiresAt.ShouldBe(portal.Clock.GetUtcNow() + SignInServiceCollectionExtensions.SessionLifetime, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        await portal.CreateUserAsync("session-copied", PortalRoles.Admin);
        var (browser, cookies) = portal.NewBrowserWithCookies();
        var page = await browser.SignInAsync("session-copied", path: ApiAccounts);
        var copy = portal.ClientWithCookie(SessionPortalFactory.SessionCookie(cookies));
        using (var before = await copy.GetRawAsync(ApiAccounts))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await browser.SignOutAsync(page);
        using var after = await copy.GetRawAsync(ApiAccounts);

        after.StatusCode.ShouldBe(HttpStatusCode.Found);
        after.Headers.Location!.AbsolutePath.ShouldBe(BuiltInProvider.AuthorizePath);
        (await after.Content.ReadAsStringAsync()).ShouldBeEmpty();
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "session-copied")).ShouldBeFalse();
    }

    [Fact]
    public async Task An_admin_whose_admin_role_is_removed_is_told_not_allowed_within_the_interval_but_may_still_issue_keys()
    {
        await portal.CreateUserAsync("session-demoted", PortalRoles.Admin, PortalRoles.Agent);
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("session-demoted", path: ApiAccounts);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Address.AbsolutePath.ShouldBe(ApiAccounts);

        await portal.ChangeUserAsync("session-demoted", (users, user) => users.RemoveFromRoleAsync(user, PortalRoles.Admin));
        portal.PassInterval();
        using var admin = await browser.GetRawAsync(ApiAccounts);
        var notAllowed = await browser.GetAsync(SignInPages.NotAllowedPath);
        using var keys = await browser.GetRawAsync("/keys/new");

        admin.StatusCode.ShouldBe(HttpStatusCode.Found);
        admin.Headers.Location!.AbsolutePath.ShouldBe(SignInPages.NotAllowedPath);
        notAllowed.Html.ShouldContain("your roles: Agent");
        keys.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = portal.CreateDbContext();
        var audit = await db.AuditEntries.Where(e => e.SubjectId == "session-demoted" && e.Action == AuditActions.SignIn && e.Actor == "system").SingleAsync();
        audit.Details.ShouldNotBeNull().ShouldContain("session roles changed");
    }

    [Fact]
    public async Task A_locked_out_supervisors_next_request_goes_to_sign_in_and_the_export_gives_no_csv()
    {
        await portal.CreateUserAsync("session-locked", PortalRoles.Supervisor);
        var browser = portal.NewBrowser();
        await browser.SignInAsync("session-locked", path: "/history");
        using (var before = await browser.GetRawAsync(Export))
        {
            before.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        }

        await portal.ChangeUserAsync("session-locked", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        portal.PassInterval();
        using var export = await browser.GetRawAsync(Export);

        await ShouldBeSentToSignInAsync(export, browser);
        await ShouldBeEndedAsync("session-locked", "session ended: user locked out");
    }

    [Fact]
    public async Task A_deleted_users_next_request_goes_to_sign_in_and_the_export_gives_no_csv()
    {
        await portal.CreateUserAsync("session-deleted", PortalRoles.Admin);
        var browser = portal.NewBrowser();
        await browser.SignInAsync("session-deleted", path: ApiAccounts);

        await portal.ChangeUserAsync("session-deleted", (users, user) => users.DeleteAsync(user));
        portal.PassInterval();
        using var export = await browser.GetRawAsync(Export);

        await ShouldBeSentToSignInAsync(export, browser);
        await ShouldBeEndedAsync("session-deleted", "session ended: user removed");
    }

    [Fact]
    public async Task A_new_security_stamp_ends_the_portal_session_and_the_providers_so_the_password_is_asked_again()
    {
        await portal.CreateUserAsync("session-stamped", PortalRoles.Admin);
        var browser = portal.NewBrowser();
        await browser.SignInAsync("session-stamped", path: ApiAccounts);

        await portal.ChangeUserAsync("session-stamped", (users, user) => users.UpdateSecurityStampAsync(user));
        portal.PassInterval();
        using var admin = await browser.GetRawAsync(ApiAccounts);

        await ShouldBeSentToSignInAsync(admin, browser);
        await ShouldBeEndedAsync("session-stamped", "session ended: security stamp changed");
    }

    [Fact]
    public async Task A_user_whose_lockout_was_lifted_can_sign_in_again_at_once()
    {
        await portal.CreateUserAsync("session-unlocked", PortalRoles.Agent);
        var browser = portal.NewBrowser();
        await browser.SignInAsync("session-unlocked", path: "/keys/new");
        await portal.ChangeUserAsync("session-unlocked", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        portal.PassInterval();
        using (var refused = await browser.GetRawAsync("/keys/new"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Found);
        }

        await portal.ChangeUserAsync("session-unlocked", (users, user) => users.SetLockoutEndDateAsync(user, null));
        var again = await portal.NewBrowser().SignInAsync("session-unlocked", path: "/keys/new");

        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Address.AbsolutePath.ShouldBe("/keys/new");
    }

    private static async Task ShouldBeSentToSignInAsync(HttpResponseMessage response, PortalBrowserClient browser)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.AbsolutePath.ShouldBe(BuiltInProvider.AuthorizePath);
        response.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        // The provider does not sign the user in silently either: it asks for the password.
        var signIn = await browser.GetAsync(response.Headers.Location.ToString());
        signIn.Address.AbsolutePath.ShouldBe(BuiltInProvider.LoginPath);
    }

    private async Task ShouldBeEndedAsync(string userName, string reason)
    {
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == userName)).ShouldBeFalse();
        var signOut = await db.AuditEntries.Where(e => e.SubjectId == userName && e.Action == AuditActions.SignOut).SingleAsync();
        signOut.Actor.ShouldBe("system");
        signOut.Details.ShouldNotBeNull().ShouldContain(reason);
    }
}
