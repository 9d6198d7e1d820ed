using System.Security.Claims;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Tests.Features.GenerateKey;
using Bunit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Invitations;

/// <summary>"Send invitation" on the result card, against the portal's outbox on the fake clock (its sender stopped).</summary>
public sealed class InvitationPanelTests
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    private static MailPortal NewPortal(bool smtp = true) => new(smtp
        ? new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "9", ["Smtp:Security"] = "None", ["Smtp:From"] = "support@example.com" }
        : new Dictionary<string, string?>(), realClock: false, sender: false);

    private static Task<BunitContext> CardContextAsync(MailPortal portal) => GenerateKeyComponentContext.CreateAsync(portal, context =>
    {
        context.Services.AddSingleton(portal.Get<IOptions<SmtpOptions>>());
        context.Services.AddSingleton(portal.Get<InvitationQuery>());
        context.Services.AddSingleton(portal.Get<InvitationEvents>());
        context.Services.AddSingleton(portal.Get<IValidator<InvitationRequest>>());
        context.Services.AddSingleton(portal.Services.CreateScope().ServiceProvider.GetRequiredService<InvitationOutbox>());
        context.AddAuthorization().SetAuthorized("agent").SetClaims(new Claim("preferred_username", "agent"), new Claim("role", "Agent"));
    });

    [Fact]
    public async Task Without_a_mail_server_the_card_keeps_only_the_mailto_link()
    {
        await using var portal = NewPortal(smtp: false);
        var key = await portal.IssueKeyAsync("agent");
        await using var context = await CardContextAsync(portal);

        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, key));

        cut.FindAll("[data-testid=invitation-panel]").ShouldBeEmpty();
        cut.FindAll("a").Single(a => a.TextContent.Contains("Email invitation", StringComparison.Ordinal)).GetAttribute("href")!.ShouldStartWith("mailto:");
    }

    [Fact]
    public async Task A_bad_address_shows_why_and_queues_nothing()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        await using var context = await CardContextAsync(portal);
        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, key));

        cut.Find("[data-testid=invitation-panel] input[type=email]").Change("jane.example.com");
        await cut.Find("[data-testid=invitation-panel] form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-panel]").TextContent
            .ShouldContain("'jane.example.com' is not an email address; enter one address like name@example.com."), WaitTimeout);
        await using var db = portal.CreateDbContext();
        (await db.Invitations.AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Send_invitation_shows_queued_then_sent_when_the_sender_reports_it()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        await using var context = await CardContextAsync(portal);
        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, key));

        cut.Find("[data-testid=invitation-panel] input[type=email]").Change("jane.doe@example.com");
        cut.Find("#invitation-language").Change("ja");
        await cut.Find("[data-testid=invitation-panel] form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-status]").TextContent.ShouldBe("Queued"), WaitTimeout);
        cut.Find("[data-testid=invitation-recipient]").TextContent.ShouldBe("jane.doe@example.com");
        cut.Find("[data-testid=invitation] td:nth-child(2)").TextContent.ShouldBe("ja");
        var delivery = portal.Get<InvitationDelivery>();
        var claimed = (await delivery.ClaimAsync(await OnlyInvitationIdAsync(portal), TimeSpan.FromMinutes(1), default)).ShouldNotBeNull();
        await delivery.SentAsync(claimed, default);
        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-status]").TextContent.ShouldBe("Sent"), WaitTimeout);
    }

    [Fact]
    public async Task The_invitation_of_a_key_for_a_site_that_speaks_french_starts_in_french()
    {
        await using var portal = NewPortal();
        var support = (await portal.Get<PortalCatalog>().GetAsync()).Sites.Single(s => s.Name == "Support");
        var form = SiteForm.From(support);
        form.DefaultLanguage = "fr";
        (await portal.Get<SiteAdministration>().SaveAsync("user:admin", form)).Succeeded.ShouldBeTrue();
        var key = await portal.IssueKeyAsync("agent");
        await using var context = await CardContextAsync(portal);
        var cut = context.Render<KeyResultCard>(p => p.Add(c => c.Key, key));

        cut.WaitForAssertion(() => cut.Find("#invitation-language").GetAttribute("value").ShouldBe("fr"), WaitTimeout);
        cut.Find("[data-testid=invitation-panel] input[type=email]").Change("jeanne@example.com");
        await cut.Find("[data-testid=invitation-panel] form").SubmitAsync();

        key.SiteName.ShouldBe("Support");
        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation] td:nth-child(2)").TextContent.ShouldBe("fr"), WaitTimeout);
    }

    private static async Task<long> OnlyInvitationIdAsync(MailPortal portal)
    {
        await using var db = portal.CreateDbContext();
        return await db.Invitations.Where(i => i.Status == InvitationStatus.Queued).Select(i => i.Id).SingleAsync();
    }
}
