using BlazorKeyPortal.Features.SessionKeys;
using Bunit;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class KeyDetailViewTests : ComponentTestContext
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_detail_lists_every_attribute_of_the_key()
    {
        var cut = Render<KeyDetailView>(p => p.Add(v => v.Detail, Detail()));

        var attributes = cut.Find("[data-testid=key-attributes]");
        var pairs = attributes.QuerySelectorAll("dt").Zip(attributes.QuerySelectorAll("dd"), (dt, dd) => (dt.TextContent, dd.TextContent))
            .ToDictionary(p => p.Item1, p => p.Item2);
        pairs["Short key"].ShouldBe("7654321");
        pairs["External key"].ShouldBe("INC0042");
        pairs["Queue"].ShouldBe("issue:other (team:1)");
        pairs["Team"].ShouldBe("Tier 1 Support");
        pairs["Site"].ShouldBe("Support (support.localhost)");
        pairs["Issued"].ShouldBe("2026-11-30 08:00:00 UTC");
        pairs["Expires"].ShouldBe("2026-11-30 09:00:00 UTC");
        pairs["Issued by"].ShouldBe("user:agent");
        pairs["Redeemed"].ShouldBe("2026-11-30 08:03:00 UTC on Remote");
        pairs["Customer"].ShouldBe("Pat Customer, Contoso");
        pairs["Revoked"].ShouldBe("—");
    }

    [Fact]
    public void The_timeline_shows_the_steps_in_order_with_their_times()
    {
        var cut = Render<KeyDetailView>(p => p.Add(v => v.Detail, Detail()));

        var steps = cut.Find("[data-testid=key-timeline]").QuerySelectorAll(".mud-timeline-item").Select(i => i.TextContent).ToList();
        steps.Count.ShouldBe(4);
        steps[0].ShouldContain("Issued");
        steps[1].ShouldContain("Redeemed");
        steps[1].ShouldContain("2026-11-30 08:03:00 UTC");
        steps[1].ShouldContain("on site Remote by entering the short key");
        steps[2].ShouldContain("Accepted");
        steps[2].ShouldContain("by Alex Morgan");
        steps[3].ShouldContain("Ended");
    }

    [Fact]
    public void The_audit_entries_about_the_key_are_listed()
    {
        var cut = Render<KeyDetailView>(p => p.Add(v => v.Detail, Detail()));

        var rows = cut.Find("[data-testid=key-audit]").QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].TextContent.ShouldContain(AuditActions.KeyIssued);
        rows[0].TextContent.ShouldContain("user:agent");
    }

    private static KeyDetail Detail()
    {
        var key = new SessionKey
        {
            Id = 42, ShortKey = "7654321", AccessKey = new string('a', 32), QueueKind = QueueKind.Team, QueueId = 1, QueueTeamId = 1,
            RequestedQueue = "issue:other", ExternalKey = "INC0042", TtlSeconds = 3600, IssuedAt = IssuedAt, ExpiresAt = IssuedAt.AddHours(1),
            SiteId = 1, UrlHostname = "support.localhost", KeyUrl = "https://support.localhost/?ak=" + new string('a', 32),
            IssuerKind = IssuerKind.User, IssuedBy = "agent", RedeemedAt = IssuedAt.AddMinutes(3), RedeemedSiteId = 2,
        };
        var session = new SupportSession
        {
            Id = 7, SessionKeyId = 42, SiteId = 2, Method = RedemptionMethod.ShortKeyEntry, StartedAt = IssuedAt.AddMinutes(3),
            Status = SupportSessionStatus.Ended, AcceptedBy = "Alex Morgan", AcceptedAt = IssuedAt.AddMinutes(5), EndedAt = IssuedAt.AddMinutes(20),
            CustomerName = "Pat Customer", CustomerCompany = "Contoso",
        };
        var audit = new List<AuditEntry>
        {
            new() { Sequence = 12, OccurredAt = IssuedAt, Actor = "user:agent", Action = AuditActions.KeyIssued, SubjectType = AuditSubjects.SessionKey, SubjectId = "42", PreviousHash = "p", Hash = "h" },
        };
        var names = new KeyNames("Support", "Remote", "Tier 1 Support", null);
        return new KeyDetail(key, session, KeyState.Redeemed, KeyTimeline.Build(key, session, audit, names, KeyState.Redeemed), audit, names, IssuedAt.AddHours(2));
    }
}
