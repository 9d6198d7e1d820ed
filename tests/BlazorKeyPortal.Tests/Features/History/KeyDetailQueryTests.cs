using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class KeyDetailQueryTests(SignedInPortalFactory portal) : IClassFixture<SignedInPortalFactory>
{
    [Fact]
    public async Task A_redeemed_key_shows_issued_redeemed_where_and_when_accepted_by_whom_and_ended()
    {
        var issuedAt = portal.Clock.GetUtcNow().AddHours(-3);
        var key = (await portal.AddAsync(HistoryKeys.Key(issuedAt, k => (k.RedeemedAt, k.RedeemedSiteId) = (issuedAt.AddMinutes(4), 2))))[0];
        await portal.WriteAsync(scope =>
        {
            var session = new SupportSession
            {
                SessionKeyId = key.Id, SiteId = 2, Method = RedemptionMethod.ShortKeyEntry, StartedAt = issuedAt.AddMinutes(4),
                Status = SupportSessionStatus.Ended, AcceptedBy = "Alex Morgan", AcceptedAt = issuedAt.AddMinutes(6), EndedAt = issuedAt.AddMinutes(30),
                CustomerName = "Pat Customer",
            };
            scope.Db.SupportSessions.Add(session);
            scope.Db.SaveChanges();
            var subject = key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            scope.Audit(new AuditRecord("customer:10.0.0.7", AuditActions.RedemptionFailed, AuditSubjects.SessionKey, subject, "{\"reason\":\"wrong site\"}"));
            scope.Audit(new AuditRecord("user:agent", AuditActions.SessionAccepted, AuditSubjects.SupportSession, session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return session.Id;
        });

        var detail = await portal.Get<KeyDetailQuery>().GetAsync(key.Id);

        detail.ShouldNotBeNull();
        detail.State.ShouldBe(KeyState.Redeemed);
        detail.Names.Site.ShouldBe("Support");
        detail.Names.RedeemedSite.ShouldBe("Remote");
        detail.Timeline.Select(e => (e.Step, e.Detail)).ShouldBe([
            (TimelineStep.Issued, "by user agent for site Support (support.localhost), queue general"),
            (TimelineStep.Redeemed, "on site Remote by entering the short key"),
            (TimelineStep.Accepted, "by Alex Morgan"),
            (TimelineStep.Ended, null),
            // The refused attempt is audited at the clock's present, after the session.
            (TimelineStep.RedemptionRefused, "customer:10.0.0.7: {\"reason\":\"wrong site\"}"),
        ]);
        detail.AuditEntries.Select(e => e.Action).ShouldBe([AuditActions.RedemptionFailed, AuditActions.SessionAccepted]);
        detail.Session.ShouldNotBeNull().CustomerName.ShouldBe("Pat Customer");
    }

    [Fact]
    public async Task A_key_issued_through_the_api_shows_its_issue_entry_and_expiry_once_unused()
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        var reply = (await api.GenerateAsync("queue_id=team:1&ttl=60&session.custom.external_key=INC42")).ShouldBeSessionKey();
        portal.Clock.Advance(TimeSpan.FromMinutes(2));
        long id;
        await using (var db = portal.CreateDbContext())
        {
            var shortKey = reply.Element("short_key");
            id = db.SessionKeys.Where(k => k.ShortKey == shortKey).Select(k => k.Id).Single();
        }

        var detail = await portal.Get<KeyDetailQuery>().GetAsync(id);

        detail.ShouldNotBeNull();
        detail.State.ShouldBe(KeyState.Expired);
        detail.Names.Team.ShouldBe("Tier 1 Support");
        detail.Names.ApiAccount.ShouldBe("demo-full-access");
        detail.Timeline.Select(e => e.Step).ShouldBe([TimelineStep.Issued, TimelineStep.Expired]);
        detail.Timeline[0].Detail.ShouldBe("by API account demo-full-access for site Support (support.localhost), queue team:1");
        detail.AuditEntries.Single().Action.ShouldBe(AuditActions.KeyIssued);
    }

    [Fact]
    public async Task A_revoked_key_shows_who_revoked_it_and_why()
    {
        var key = (await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow())))[0];
        await portal.RevokeAsync(key.Id, "left on a sticky note", TestUsers.Supervisor("sam"));

        var detail = await portal.Get<KeyDetailQuery>().GetAsync(key.Id);

        detail.ShouldNotBeNull();
        detail.State.ShouldBe(KeyState.Revoked);
        detail.Timeline[^1].ShouldBe(new TimelineEvent(portal.Clock.GetUtcNow(), TimelineStep.Revoked, "Revoked", "by sam: left on a sticky note"));
        detail.AuditEntries.Single().Action.ShouldBe(AuditActions.KeyRevoked);
    }

    [Fact]
    public async Task An_unknown_key_has_no_detail()
    {
        (await portal.Get<KeyDetailQuery>().GetAsync(123_456_789)).ShouldBeNull();
    }
}
