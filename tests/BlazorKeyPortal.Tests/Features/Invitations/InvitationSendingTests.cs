using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BlazorKeyPortal.Tests.Features.Invitations;

/// <summary>The portal's background sender against a real SMTP server on loopback, on the system clock.</summary>
public sealed class InvitationSendingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_smtp_server_receives_the_invitation_with_the_key_url_and_the_grouped_key_in_text_and_html()
    {
        await using var smtp = new LoopbackSmtpServer();
        await smtp.StartAsync();
        await using var portal = new MailPortal(smtp.PortalSettings());
        var key = await portal.IssueKeyAsync("agent");

        var outcome = await portal.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"), language: "fr");

        outcome.Result.ShouldBe(InvitationResult.Queued, outcome.Message);
        var message = await smtp.NextMessageAsync(Patience);
        message.To.Mailboxes.Single().Address.ShouldBe("jane.doe@example.com");
        var from = message.From.Mailboxes.Single();
        (from.Name, from.Address).ShouldBe(("Example Support", "support@example.com"));
        message.Subject.ShouldBe("Invitation à une session d'assistance à distance");
        message.Body.ShouldNotBeNull().Headers[HeaderId.ContentLanguage].ShouldBe("fr");
        var grouped = $"{key.ShortKey[..3]} {key.ShortKey[3..]}";
        message.TextBody.ShouldNotBeNull().ShouldContain(key.KeyUrl);
        message.TextBody.ShouldNotBeNull().ShouldContain(grouped);
        message.HtmlBody.ShouldNotBeNull().ShouldContain($"<a href=\"{key.KeyUrl}\">");
        message.HtmlBody.ShouldNotBeNull().ShouldContain(grouped);
        message.HtmlBody.ShouldNotBeNull().ShouldContain("<html lang=\"fr\">");

        var row = await WaitForStatusAsync(portal, outcome.InvitationId!.Value, InvitationStatus.Sent);
        row.Attempts.ShouldBe(1);
        row.CompletedAt.ShouldNotBeNull();
        await using var db = portal.CreateDbContext();
        var subject = key.Id.ToString(CultureInfo.InvariantCulture);
        var sent = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.InvitationSent && e.SubjectId == subject);
        sent.Details.ShouldBe($"{{\"invitation\":{row.Id},\"to\":\"j***@example.com\",\"language\":\"fr\",\"attempts\":1}}");
        (await db.AuditEntries.AnyAsync(e => e.Details!.Contains("jane.doe"))).ShouldBeFalse("no audit entry holds the address in full");
    }

    [Fact]
    public async Task A_mail_queued_while_the_server_is_down_is_sent_after_it_comes_back_by_the_restarted_portal()
    {
        await using var smtp = new LoopbackSmtpServer();
        var settings = smtp.PortalSettings();
        settings["Smtp:FirstRetryDelay"] = "00:00:01";
        long invitationId;
        string keyUrl;
        // The portals share a folder neither of them owns, so the first one leaves the database behind when it stops.
        var directory = Directory.CreateTempSubdirectory("bkp-test-").FullName;
        await using (var first = new MailPortal(settings, directory))
        {
            var key = await first.IssueKeyAsync("agent");
            keyUrl = key.KeyUrl;
            invitationId = (await first.InviteAsync(key.Id, "jane.doe@example.com", TestUsers.Agent("agent"))).InvitationId!.Value;
            var failed = await WaitForAsync(first, invitationId, i => i.Attempts >= 1);
            failed.Status.ShouldBe(InvitationStatus.Queued);
            failed.LastError.ShouldNotBeNull();
            // The first portal stops here with the mail still queued.
        }

        await smtp.StartAsync();
        await using (var restarted = new MailPortal(settings, directory))
        {
            restarted.Started();

            var message = await smtp.NextMessageAsync(Patience);
            message.TextBody.ShouldNotBeNull().ShouldContain(keyUrl);
            var row = await WaitForStatusAsync(restarted, invitationId, InvitationStatus.Sent);
            row.Attempts.ShouldBeGreaterThanOrEqualTo(2);
            smtp.Drain().ShouldBeEmpty();
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Two_portals_on_one_database_send_each_queued_mail_once()
    {
        await using var smtp = new LoopbackSmtpServer();
        var settings = smtp.PortalSettings();
        settings["Smtp:FirstRetryDelay"] = "00:00:01";
        await using var first = new MailPortal(settings);
        var key = await first.IssueKeyAsync("agent");
        // Queued while the server is down, so both portals find them due together once it is up.
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await first.InviteAsync(key.Id, $"customer{i}@example.com", TestUsers.Agent("agent"))).InvitationId!.Value);
        }
        await WaitForAsync(first, ids[^1], r => r.Attempts >= 1);
        await using var second = new MailPortal(settings, first.DataDirectory);
        second.Started();

        await smtp.StartAsync();

        foreach (var id in ids) await WaitForStatusAsync(first, id, InvitationStatus.Sent, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var recipients = smtp.Drain().Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        recipients.ShouldBe(Enumerable.Range(0, 6).Select(i => $"customer{i}@example.com").ToList());
    }

    private static Task<Invitation> WaitForStatusAsync(PortalFactory portal, long id, InvitationStatus status, TimeSpan? patience = null) =>
        WaitForAsync(portal, id, i => i.Status == status, patience);

    private static async Task<Invitation> WaitForAsync(PortalFactory portal, long id, Func<Invitation, bool> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            await using (var db = portal.CreateDbContext())
            {
                var row = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id);
                if (condition(row)) return row;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Invitation {id} is {row.Status} after {row.Attempts} attempts ({row.LastError}).");
            }
            await Task.Delay(100);
        }
    }
}
