using System.Diagnostics;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Tests.Data.Writing;

/// <summary>Every committed audit entry is also a structured log event for a SIEM; rolled-back ones never are.</summary>
public sealed class AuditEventLogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_issued_key_produces_one_audit_log_event_with_actor_action_key_and_site()
    {
        await using var portal = new AuditLoggingPortal();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey();
        long keyId;
        await using (var db = portal.CreateDbContext())
        {
            keyId = await db.SessionKeys.MaxAsync(k => k.Id);
        }
        var subject = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var events = await portal.Recorded.EventuallyAsync(e => Equals(e["Action"], AuditActions.KeyIssued) && Equals(e["SubjectId"], subject), Deadline);

        var issued = events.ShouldHaveSingleItem();
        issued["Actor"].ShouldBe($"api:{CommandApiClient.FullAccess}");
        issued["SubjectType"].ShouldBe(AuditSubjects.SessionKey);
        issued["Site"].ShouldNotBeNull();
        issued["Sequence"].ShouldBeOfType<long>();
        ((string)issued["Hash"]!).Length.ShouldBe(64);
    }

    [Fact]
    public async Task An_entry_of_work_that_was_rolled_back_is_not_logged_and_the_next_one_is()
    {
        await using var portal = new AuditLoggingPortal();
        portal.Started();

        await Should.ThrowAsync<InvalidOperationException>(() => portal.WriteAsync<int>(scope =>
        {
            scope.Audit(new AuditRecord("system", "test.rolled_back"));
            throw new InvalidOperationException("the work fails after its audit entry");
        }));
        var committed = await portal.WriteAsync(scope => scope.Audit(new AuditRecord("system", "test.committed")));

        var events = await portal.Recorded.EventuallyAsync(e => Equals(e["Action"], "test.committed"), Deadline);

        events.ShouldHaveSingleItem()["Sequence"].ShouldBe(committed.Sequence);
        portal.Recorded.Snapshot().ShouldNotContain(e => Equals(e["Action"], "test.rolled_back"));
    }
}
