using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.SessionKeys;

public sealed class ConcurrentIssuingTests
{
    [Fact]
    public async Task Thirty_two_callers_issuing_5000_keys_get_no_error_no_duplicate_live_key_and_one_audit_entry_each()
    {
        await using var portal = new PortalFactory();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        const int callers = 32, perCaller = 5000 / callers + 1; // 32 × 157 = 5,024 ≥ 5,000
        var shortKeys = new System.Collections.Concurrent.ConcurrentBag<string>();
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var reply = await api.GenerateAsync($"queue_id=team:1&external_key=C{c}-{i}");
                if (reply.IsError) errors.Add(reply.Body);
                else shortKeys.Add(reply.Element("short_key"));
            }
        })));

        errors.ShouldBeEmpty();
        shortKeys.Count.ShouldBe(callers * perCaller);
        shortKeys.Distinct().Count().ShouldBe(shortKeys.Count);

        await using var db = portal.CreateDbContext();
        var keys = await db.SessionKeys.Select(k => new { k.Id, k.LiveShortKey }).ToListAsync();
        keys.Count.ShouldBe(callers * perCaller);
        keys.Select(k => k.LiveShortKey).Distinct().Count().ShouldBe(keys.Count);
        var audited = await db.AuditEntries.Where(e => e.Action == AuditActions.KeyIssued)
            .GroupBy(e => e.SubjectId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        audited.Count.ShouldBe(keys.Count);
        audited.ShouldAllBe(a => a.Count == 1);
        audited.Select(a => long.Parse(a.Key!)).Order().ShouldBe(keys.Select(k => k.Id).Order());
    }
}
