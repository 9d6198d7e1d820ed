using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

public sealed class KeyResultCardTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_card_shows_the_key_grouped_for_reading_aloud_with_its_url_qr_code_and_invitation()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var key = Key(available: false);

        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, key));

        cut.Find("[data-testid=short-key]").TextContent.ShouldBe("296 0564");
        cut.Find("[data-testid=key-url]").GetAttribute("href").ShouldBe(key.KeyUrl);
        cut.Find("[data-testid=key-qr]").GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");
        cut.Find("[data-testid=queue-availability]").GetAttribute("data-available").ShouldBe("false");
        cut.Find("[data-testid=expires-at]").GetAttribute("datetime").ShouldBe("2026-11-30T10:00:00Z");
        var mail = cut.FindAll("a").Single(a => a.TextContent.Contains("Email invitation", StringComparison.Ordinal)).GetAttribute("href")!;
        mail.ShouldStartWith("mailto:?subject=Remote%20Support%20Invitation&body=");
        Uri.UnescapeDataString(mail).ShouldContain(key.KeyUrl);
    }

    [Fact]
    public async Task The_countdown_runs_down_to_expired()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, Key(available: true)));
        var countdown = () => cut.Find("[data-testid=countdown]").TextContent;
        var left = Key(true).ExpiresAt - portal.Clock.GetUtcNow();

        countdown().ShouldBe($"{(int)left.TotalHours}:{left.Minutes:00}:{left.Seconds:00} left");

        portal.Clock.Advance(left - TimeSpan.FromSeconds(90));
        cut.WaitForAssertion(() => countdown().ShouldBe("1:30 left"));

        portal.Clock.Advance(TimeSpan.FromSeconds(91));
        cut.WaitForAssertion(() => countdown().ShouldBe("expired"));
    }

    [Fact]
    public async Task Generate_another_is_raised_by_its_button()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var raised = false;
        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, Key(true)).Add(c => c.OnGenerateAnother, () => raised = true));

        await cut.FindAll("button").Single(b => b.TextContent.Contains("Generate another", StringComparison.Ordinal)).ClickAsync(new());

        raised.ShouldBeTrue();
    }

    private static IssuedSessionKey Key(bool available) => new(
        Id: 1, Type: "support", TtlSeconds: 3600, TtlWasGiven: true,
        IssuedAt: new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), ExpiresAt: new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        Queue: new QueueTarget(BlazorKeyPortal.Data.Entities.QueueKind.Team, 1, 1), Available: available, ExternalKey: "INC0012345",
        ShortKey: "2960564", KeyUrl: "http://support.localhost:5080/?ak=3893f3dad96e61ce73d292ef83216468",
        MailSubject: InvitationText.DefaultSubject, MailBody: "Click on the link below:\n\nhttp://support.localhost:5080/?ak=3893f3dad96e61ce73d292ef83216468",
        SiteId: 1, SiteName: "Support", UrlHostname: "support.localhost");
}
