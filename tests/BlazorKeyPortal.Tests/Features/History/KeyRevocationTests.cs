using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class KeyRevocationTests(SignedInPortalFactory portal) : IClassFixture<SignedInPortalFactory>
{
    [Fact]
    public async Task A_supervisor_revokes_an_active_key_and_it_can_no_longer_be_redeemed()
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow())))[0];

        var outcome = await portal.RevokeAsync(key.Id, "  customer called twice  ", TestUsers.Supervisor("sam"));

        outcome.Result.ShouldBe(RevokeResult.Revoked, outcome.Message);
        await using var db = portal.CreateDbContext();
        var row = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id);
        row.RevokedAt.ShouldBe(portal.Clock.GetUtcNow());
        row.RevokedBy.ShouldBe("sam");
        row.RevokeReason.ShouldBe("customer called twice");
        // Redemption finds keys by their live short key only: the revoked key is no longer found.
        row.LiveShortKey.ShouldBeNull();
        (await db.SessionKeys.AnyAsync(k => k.LiveShortKey == key.ShortKey)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_revocation_is_audited_and_the_chain_stays_intact()
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow())))[0];

        await portal.RevokeAsync(key.Id, "wrong ticket", TestUsers.Supervisor("sam"));

        await using var db = portal.CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.KeyRevoked && e.SubjectId == key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.Actor.ShouldBe("user:sam");
        entry.SubjectType.ShouldBe(AuditSubjects.SessionKey);
        entry.Details.ShouldNotBeNull().ShouldContain("\"reason\":\"wrong ticket\"");
        entry.Details.ShouldContain($"\"shortKey\":\"{key.ShortKey}\"");
        (await portal.Get<AuditTrailVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task The_agent_who_issued_a_key_may_revoke_it()
    {
        var issued = await portal.Get<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "team:1" }, KeyIssuer.User("agent", new HashSet<int> { 1 }), null);
        issued.Key.ShouldNotBeNull();

        var outcome = await portal.RevokeAsync(issued.Key.Id, "issued by mistake", TestUsers.Agent("agent"));

        outcome.Result.ShouldBe(RevokeResult.Revoked, outcome.Message);
    }

    [Fact]
    public async Task Another_agent_may_not_revoke_a_key_and_it_stays_redeemable()
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow(), k => k.IssuedBy = "agent")))[0];

        var outcome = await portal.RevokeAsync(key.Id, "not mine", TestUsers.Agent("agent2"));

        outcome.Result.ShouldBe(RevokeResult.NotAllowed);
        await using var db = portal.CreateDbContext();
        var row = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id);
        row.LiveShortKey.ShouldBe(key.ShortKey);
        row.RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task An_api_account_key_is_not_revocable_by_an_agent_with_the_accounts_name()
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow(), k =>
        {
            k.IssuerKind = IssuerKind.ApiAccount;
            k.IssuedBy = "demo-full-access";
        })))[0];

        var outcome = await portal.RevokeAsync(key.Id, "mine?", TestUsers.Agent("demo-full-access"));

        outcome.Result.ShouldBe(RevokeResult.NotAllowed);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("redeemed")]
    [InlineData("revoked")]
    public async Task Only_an_active_key_can_be_revoked(string state)
    {
        var now = portal.Clock.GetUtcNow();
        var key = (await portal.AddAsync(HistoryKeys.Key(now.AddHours(-2), k =>
        {
            if (state == "redeemed") k.RedeemedAt = now.AddHours(-1.5);
            if (state == "revoked") { k.RevokedAt = now.AddHours(-1.5); k.RevokedBy = "sam"; k.RevokeReason = "earlier"; }
        })))[0];

        var outcome = await portal.RevokeAsync(key.Id, "again", TestUsers.User("ada", PortalRoles.Admin));

        outcome.Result.ShouldBe(RevokeResult.NotActive);
        outcome.Message.ShouldBe($"The key is {state}; only an active key can be revoked.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_revocation_without_a_reason_is_refused(string? reason)
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow())))[0];

        var outcome = await portal.RevokeAsync(key.Id, reason, TestUsers.Supervisor());

        outcome.Result.ShouldBe(RevokeResult.Invalid);
        outcome.Message.ShouldBe("Give a reason for revoking the key.");
    }

    [Fact]
    public async Task Revoking_a_key_that_does_not_exist_says_so()
    {
        var outcome = await portal.RevokeAsync(987_654_321, "gone", TestUsers.Supervisor());

        outcome.Result.ShouldBe(RevokeResult.NotFound);
    }
}
