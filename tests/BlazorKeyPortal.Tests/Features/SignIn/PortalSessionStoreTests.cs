using System.Text;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>The server-side session store on the portal's real database, writer and Data Protection keys.</summary>
public sealed class PortalSessionStoreTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private PortalSessionStore Store => portal.Get<PortalSessionStore>();

    [Fact]
    public async Task A_stored_ticket_comes_back_whole_and_is_kept_protected_under_a_hash_of_its_key()
    {
        var ticket = Ticket("store-round-trip", "sub-round-trip", TimeSpan.FromHours(10));
        ticket.Properties.Items[".Token.id_token"] = "the-id-token";

        var key = await Store.StoreAsync(ticket, CancellationToken.None);
        var back = (await Store.RetrieveAsync(key, CancellationToken.None)).ShouldNotBeNull();

        PortalClaims.UserNameOf(back.Principal).ShouldBe("store-round-trip");
        PortalClaims.RolesOf(back.Principal).ShouldBe([PortalRoles.Agent]);
        back.Properties.Items[".Token.id_token"].ShouldBe("the-id-token");
        back.Properties.ExpiresUtc.ShouldBe(ticket.Properties.ExpiresUtc);
        await using var db = portal.CreateDbContext();
        var row = await db.PortalSessions.SingleAsync(s => s.UserName == "store-round-trip");
        row.Id.ShouldNotBe(key);
        row.Subject.ShouldBe("sub-round-trip");
        row.ExpiresAt.ShouldBe(ticket.Properties.ExpiresUtc!.Value);
        Encoding.UTF8.GetString(row.Ticket).ShouldNotContain("the-id-token");
        Encoding.UTF8.GetString(row.Ticket).ShouldNotContain("store-round-trip");
    }

    [Fact]
    public async Task A_renewed_ticket_replaces_the_stored_one_and_its_expiry()
    {
        var key = await Store.StoreAsync(Ticket("store-renewed", "sub-renewed", TimeSpan.FromHours(1)), CancellationToken.None);
        var renewed = Ticket("store-renewed", "sub-renewed", TimeSpan.FromHours(10), PortalRoles.Supervisor);

        await Store.RenewAsync(key, renewed, CancellationToken.None);

        PortalClaims.RolesOf((await Store.RetrieveAsync(key, CancellationToken.None))!.Principal).ShouldBe([PortalRoles.Supervisor]);
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.SingleAsync(s => s.UserName == "store-renewed")).ExpiresAt.ShouldBe(renewed.Properties.ExpiresUtc!.Value);
    }

    [Fact]
    public async Task A_removed_session_is_gone_at_once_even_after_it_was_read()
    {
        var key = await Store.StoreAsync(Ticket("store-removed", "sub-removed", TimeSpan.FromHours(10)), CancellationToken.None);
        (await Store.RetrieveAsync(key, CancellationToken.None)).ShouldNotBeNull();

        await Store.RemoveAsync(key, CancellationToken.None);

        (await Store.RetrieveAsync(key, CancellationToken.None)).ShouldBeNull();
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "store-removed")).ShouldBeFalse();
    }

    [Fact]
    public async Task An_expired_session_is_refused_and_swept_from_the_database()
    {
        var key = await Store.StoreAsync(Ticket("store-expired", "sub-expired", TimeSpan.FromMinutes(30)), CancellationToken.None);
        var lasting = await Store.StoreAsync(Ticket("store-lasting", "sub-lasting", TimeSpan.FromDays(30)), CancellationToken.None);

        portal.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await Store.RetrieveAsync(key, CancellationToken.None);
        var swept = await Store.RemoveExpiredAsync(CancellationToken.None);

        expired.ShouldBeNull();
        swept.ShouldBeGreaterThanOrEqualTo(1);
        (await Store.RetrieveAsync(lasting, CancellationToken.None)).ShouldNotBeNull();
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "store-expired")).ShouldBeFalse();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "store-lasting")).ShouldBeTrue();
    }

    [Fact]
    public async Task Expired_sessions_are_swept_every_hour_without_being_asked()
    {
        await Store.StoreAsync(Ticket("store-swept-hourly", "sub-swept-hourly", TimeSpan.FromMinutes(10)), CancellationToken.None);

        portal.Clock.Advance(PortalSessionSweeper.Period);

        await WaitUntilAsync(async () =>
        {
            await using var db = portal.CreateDbContext();
            return !await db.PortalSessions.AnyAsync(s => s.UserName == "store-swept-hourly");
        });
    }

    [Fact]
    public async Task A_browser_holding_a_live_session_that_signs_in_as_someone_else_does_not_hand_that_session_over()
    {
        var key = await Store.StoreAsync(Ticket("store-planted", "sub-planted", TimeSpan.FromHours(10)), CancellationToken.None);

        // What the cookie handler does when a sign-in arrives with a session cookie still set.
        await Store.RenewAsync(key, Ticket("store-victim", "sub-victim", TimeSpan.FromHours(10)), CancellationToken.None);

        (await Store.RetrieveAsync(key, CancellationToken.None)).ShouldBeNull();
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "store-planted" || s.UserName == "store-victim")).ShouldBeFalse();
    }

    private AuthenticationTicket Ticket(string userName, string subject, TimeSpan lifetime, string role = PortalRoles.Agent)
    {
        var now = portal.Clock.GetUtcNow();
        return new AuthenticationTicket(PortalClaims.Principal(userName, userName, subject, [role]),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime }, "Cookies");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the sweep did not run");
            await Task.Delay(50);
        }
    }
}
