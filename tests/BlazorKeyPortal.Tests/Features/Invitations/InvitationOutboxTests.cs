using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Invitations;

/// <summary>The outbox on the fake clock, without the background sender: each step of an invitation's life, one at a time.</summary>
public sealed class InvitationOutboxTests
{
    // Each test moves the clock, so each has a portal of its own. Port 9 (discard): the sender is off in these tests anyway.
    private static MailPortal NewPortal() => new(new Dictionary<string, string?>
    {
        ["Retention:KeyDays"] = "30",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "9",
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "support@example.com",
    }, realClock: false, sender: false);

    [Fact]
    public async Task The_issuer_queues_an_invitation_with_the_key_url_the_grouped_key_and_the_expiry()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");

        var outcome = await portal.InviteAsync(key.Id, " jane.doe@example.com ", TestUsers.Agent("agent"));

        outcome.Result.ShouldBe(InvitationResult.Queued, outcome.Message);
        await using var db = portal.CreateDbContext();
        var row = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == outcome.InvitationId);
        row.Recipient.ShouldBe("jane.doe@example.com");
        row.Status.ShouldBe(InvitationStatus.Queued);
        row.QueuedAt.ShouldBe(portal.Clock.GetUtcNow());
        row.NextAttemptAt.ShouldBe(portal.Clock.GetUtcNow());
        row.Subject.ShouldBe(InvitationText.DefaultSubject);
        row.Body.ShouldContain(key.KeyUrl);
        row.Body.ShouldContain($"{key.ShortKey[..3]} {key.ShortKey[3..]}");
        row.Body.ShouldContain(key.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Queueing_is_audited_with_the_address_masked()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");

        var outcome = await portal.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"), language: "de");

        var entry = await AuditEntryAsync(portal, key.Id, AuditActions.InvitationQueued);
        entry.Actor.ShouldBe("user:agent");
        entry.SubjectType.ShouldBe(AuditSubjects.SessionKey);
        entry.Details.ShouldBe($"{{\"invitation\":{outcome.InvitationId},\"to\":\"j***@example.com\",\"language\":\"de\"}}");
    }

    [Fact]
    public async Task Another_agent_may_not_send_an_invitation_for_a_key_but_a_supervisor_may()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");

        var other = await portal.InviteAsync(key.Id, "jane@example.com", TestUsers.Agent("agent2"));
        var supervisor = await portal.InviteAsync(key.Id, "jane@example.com", TestUsers.Supervisor("sam"));

        other.Result.ShouldBe(InvitationResult.NotAllowed);
        other.Message.ShouldBe("Only supervisors, administrators and the agent who issued a key may send an invitation for it.");
        supervisor.Result.ShouldBe(InvitationResult.Queued, supervisor.Message);
        await using var db = portal.CreateDbContext();
        (await db.Invitations.CountAsync(i => i.SessionKeyId == key.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_address_is_refused_with_the_reason_and_nothing_is_queued()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");

        var outcome = await portal.InviteAsync(key.Id, "jane.example.com", TestUsers.Agent("agent"));

        outcome.Result.ShouldBe(InvitationResult.Invalid);
        outcome.Message.ShouldBe("'jane.example.com' is not an email address; enter one address like name@example.com.");
        await using var db = portal.CreateDbContext();
        (await db.Invitations.AnyAsync(i => i.SessionKeyId == key.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task No_invitation_goes_out_for_an_expired_key()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        portal.Clock.SetUtcNow(key.ExpiresAt);

        var outcome = await portal.InviteAsync(key.Id, "jane@example.com", TestUsers.Agent("agent"));

        outcome.Result.ShouldBe(InvitationResult.NotActive);
        outcome.Message.ShouldBe("The key is expired; invitations go out only for an active key.");
    }

    [Fact]
    public async Task A_failed_attempt_waits_out_the_backoff_and_after_the_last_one_the_invitation_is_failed_and_audited_masked()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        var queued = await portal.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"));
        // A key that lives longer than the retries, so that only the schedule ends them.
        var farAhead = portal.Clock.GetUtcNow().AddDays(2);
        await portal.WriteAsync(scope => scope.Db.SessionKeys.Where(k => k.Id == key.Id).ExecuteUpdate(set => set.SetProperty(k => k.ExpiresAt, farAhead)));
        var delivery = portal.Get<InvitationDelivery>();
        var lease = TimeSpan.FromMinutes(2);
        var queuedAt = portal.Clock.GetUtcNow();

        var first = (await delivery.ClaimAsync(queued.InvitationId!.Value, lease, default)).ShouldNotBeNull();
        (await delivery.ClaimAsync(first.Id, lease, default)).ShouldBeNull("a claimed invitation is not claimed twice");
        (await delivery.AttemptFailedAsync(first, "Connection refused", permanent: false, default)).ShouldBe(InvitationStatus.Queued);

        portal.Clock.Advance(TimeSpan.FromSeconds(29));
        (await delivery.ClaimAsync(first.Id, lease, default)).ShouldBeNull("the retry is not due before 30 seconds");
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await delivery.ClaimAsync(first.Id, lease, default)).ShouldNotBeNull();
        await delivery.AttemptFailedAsync(second, "Connection refused", permanent: false, default);
        await using (var db = portal.CreateDbContext())
        {
            (await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == first.Id)).NextAttemptAt.ShouldBe(queuedAt.AddSeconds(90));
        }

        portal.Clock.SetUtcNow(queuedAt.AddHours(24));
        var last = (await delivery.ClaimAsync(first.Id, lease, default)).ShouldNotBeNull();
        (await delivery.AttemptFailedAsync(last, "Connection refused", permanent: false, default)).ShouldBe(InvitationStatus.Failed);

        await using var after = portal.CreateDbContext();
        var row = await after.Invitations.AsNoTracking().SingleAsync(i => i.Id == first.Id);
        (row.Status, row.Attempts, row.CompletedAt, row.LastError).ShouldBe((InvitationStatus.Failed, 3, queuedAt.AddHours(24), "Connection refused"));
        var entry = await AuditEntryAsync(portal, key.Id, AuditActions.InvitationFailed);
        entry.Actor.ShouldBe(InvitationDelivery.Actor);
        entry.Details.ShouldBe($"{{\"invitation\":{first.Id},\"to\":\"j***@example.com\",\"language\":\"en\",\"attempts\":3,\"error\":\"Connection refused\"}}");
        (await portal.Get<AuditTrailVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_queued_invitation_whose_key_expired_meanwhile_is_failed_instead_of_sending_a_dead_link()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        var queued = await portal.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"));
        portal.Clock.SetUtcNow(key.ExpiresAt);

        var claimed = await portal.Get<InvitationDelivery>().ClaimAsync(queued.InvitationId!.Value, TimeSpan.FromMinutes(2), default);

        claimed.ShouldBeNull();
        await using var db = portal.CreateDbContext();
        var row = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == queued.InvitationId);
        (row.Status, row.LastError).ShouldBe((InvitationStatus.Failed, "The key expired before the mail could be sent."));
        (await AuditEntryAsync(portal, key.Id, AuditActions.InvitationFailed)).Details.ShouldNotBeNull().ShouldContain("\"to\":\"j***@example.com\"");
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_failed_at_once()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        var queued = await portal.InviteAsync(key.Id, "nobody@example.com", TestUsers.Agent("agent"));
        var delivery = portal.Get<InvitationDelivery>();

        var claimed = (await delivery.ClaimAsync(queued.InvitationId!.Value, TimeSpan.FromMinutes(2), default)).ShouldNotBeNull();

        (await delivery.AttemptFailedAsync(claimed, "5.1.1 No such user", permanent: true, default)).ShouldBe(InvitationStatus.Failed);
    }

    [Fact]
    public async Task Without_a_text_for_the_chosen_language_the_sites_own_template_is_used_and_else_the_portals_wording_in_that_language()
    {
        await using var portal = NewPortal();
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        var site = snapshot.PrimarySite.ShouldNotBeNull() with { MailSubjectTemplate = "Support for {site_name}", MailBodyTemplate = null };

        var template = await portal.Get<IInvitationTemplates>().ForAsync(site, "ja");

        template.Subject.ShouldBe("Support for {site_name}");
        template.Body.ShouldStartWith("サポート担当者からリモートサポートセッションへのご招待です。");
        template.Body.ShouldContain("{key_url}");
    }

    [Fact]
    public async Task A_sites_text_for_the_chosen_language_is_the_invitations_template()
    {
        await using var portal = NewPortal();
        var site = (await portal.Get<PortalCatalog>().GetAsync()).PrimarySite.ShouldNotBeNull();
        await portal.WriteAsync(scope => scope.Db.PublicSiteTexts.Add(new BlazorKeyPortal.Data.Entities.PublicSiteText
        {
            SiteId = site.Id, Language = "de", InvitationSubject = "Ihr Termin bei {site_name}", InvitationBody = "Bitte öffnen Sie {key_url}.",
        }));
        await portal.RefreshCatalogAsync();

        var template = await portal.Get<IInvitationTemplates>().ForAsync(site, "de");

        template.ShouldBe(new InvitationTemplate("Ihr Termin bei {site_name}", "Bitte öffnen Sie {key_url}."));
    }

    [Fact]
    public async Task Retention_deletes_a_keys_invitations_with_the_key()
    {
        await using var portal = NewPortal();
        var key = await portal.IssueKeyAsync("agent");
        await portal.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"));
        // The key is made old rather than the clock advanced by a month, which would fire every periodic timer of the host.
        var longAgo = portal.Clock.GetUtcNow().AddDays(-31);
        await portal.WriteAsync(scope => scope.Db.SessionKeys.Where(k => k.Id == key.Id).ExecuteUpdate(set => set.SetProperty(k => k.IssuedAt, longAgo)));

        (await portal.Get<BlazorKeyPortal.Features.Retention.KeyRetention>().RemoveExpiredKeysAsync()).ShouldBe(1);

        await using var db = portal.CreateDbContext();
        (await db.Invitations.AnyAsync(i => i.SessionKeyId == key.Id)).ShouldBeFalse();
    }

    private static async Task<AuditEntry> AuditEntryAsync(MailPortal portal, long keyId, string action)
    {
        await using var db = portal.CreateDbContext();
        var subject = keyId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == action && e.SubjectId == subject);
    }
}
