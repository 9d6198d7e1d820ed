using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Retention;
using BlazorKeyPortal.Tests.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Retention;

/// <summary>With Retention:KeyDays set, old keys go; their audit entries stay and the trail still verifies.</summary>
public sealed class KeyRetentionTests
{
    private static readonly Dictionary<string, string?> ThirtyDays = new() { ["Retention:KeyDays"] = "30" };

    [Fact]
    public async Task Keys_older_than_the_retention_period_are_deleted_recent_ones_kept_and_the_audit_trail_still_verifies()
    {
        await using var portal = new ConfiguredPortalFactory(ThirtyDays).Started();
        // Keys are written with their issue time rather than the clock advanced by a month: the fake clock would fire
        // every periodic timer of the host once per period on the way.
        var old = await IssuedAtAsync(portal, portal.Clock.GetUtcNow().AddDays(-31), 3);
        await AddSessionAsync(portal, old[0], SupportSessionStatus.Ended);
        await AddSessionAsync(portal, old[1], SupportSessionStatus.Waiting);
        var recent = await IssueAsync(portal, 2);
        var issuedEntries = await CountAsync(portal, AuditActions.KeyIssued);

        var deleted = await portal.Get<KeyRetention>().RemoveExpiredKeysAsync();

        deleted.ShouldBe(2);
        await using var db = portal.CreateDbContext();
        var remaining = await db.SessionKeys.Select(k => k.Id).ToListAsync();
        remaining.ShouldBe([old[1], .. recent], ignoreOrder: true); // the key whose session is still waiting stays
        (await db.SupportSessions.Select(s => s.SessionKeyId).ToListAsync()).ShouldBe([old[1]]);
        (await CountAsync(portal, AuditActions.KeyIssued)).ShouldBe(issuedEntries);
        (await CountAsync(portal, AuditActions.KeysRemovedByRetention)).ShouldBe(1);
        var verification = await portal.Get<AuditTrailVerifier>().VerifyAsync();
        verification.IsIntact.ShouldBeTrue(verification.Summary);
    }

    [Fact]
    public async Task Many_old_keys_are_deleted_a_thousand_per_transaction()
    {
        await using var portal = new ConfiguredPortalFactory(ThirtyDays).Started();
        var longAgo = portal.Clock.GetUtcNow().AddDays(-40);
        // Distinct short keys: 2,500 random ones of seven digits collide about one run in three.
        await portal.AddAsync([.. Enumerable.Range(0, 2_500).Select(i => HistoryKeys.Key(longAgo.AddSeconds(i),
            k => k.ShortKey = k.LiveShortKey = (1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

        var deleted = await portal.Get<KeyRetention>().RemoveExpiredKeysAsync();

        deleted.ShouldBe(2_500);
        (await CountAsync(portal, AuditActions.KeysRemovedByRetention)).ShouldBe(3); // 1,000 + 1,000 + 500
        await using var db = portal.CreateDbContext();
        (await db.SessionKeys.CountAsync(k => k.IssuedAt < longAgo.AddDays(1))).ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_retention_period_no_key_is_ever_deleted()
    {
        await using var portal = new PortalFactory().Started();
        await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow().AddYears(-50)));

        (await portal.Get<KeyRetention>().RemoveExpiredKeysAsync()).ShouldBe(0);

        await using var db = portal.CreateDbContext();
        (await db.SessionKeys.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_past_the_retention_period_are_deleted_every_hour_without_being_asked()
    {
        await using var portal = new ConfiguredPortalFactory(ThirtyDays).Started();
        await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow().AddDays(-31)));

        portal.Clock.Advance(KeyRetentionSweeper.Period);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = portal.CreateDbContext();
            if (!await db.SessionKeys.AnyAsync()) break;
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the retention sweep did not run");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("36501")]
    public async Task The_host_refuses_a_retention_period_out_of_range_and_names_the_setting(string days)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Retention:KeyDays"] = days });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("Retention:KeyDays must be between 1 and 36500");
    }

    /// <summary>Issues <paramref name="count"/> keys through the command API (audited as in production); returns their ids.</summary>
    private static async Task<long[]> IssueAsync(PortalFactory portal, int count)
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            var shortKey = (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey().Element("short_key");
            await using var db = portal.CreateDbContext();
            ids[i] = await db.SessionKeys.Where(k => k.ShortKey == shortKey).Select(k => k.Id).SingleAsync();
        }
        return ids;
    }

    /// <summary>
    /// Stores <paramref name="count"/> keys issued at <paramref name="issuedAt"/>, each with its audit entry in the same
    /// transaction, as issuing writes them; returns their ids.
    /// </summary>
    private static async Task<long[]> IssuedAtAsync(PortalFactory portal, DateTimeOffset issuedAt, int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await portal.WriteAsync(scope =>
            {
                var key = HistoryKeys.Key(issuedAt);
                scope.Db.SessionKeys.Add(key);
                scope.Db.SaveChanges();
                scope.Audit(new AuditRecord("user:agent", AuditActions.KeyIssued, AuditSubjects.SessionKey,
                    key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return key.Id;
            });
        }
        return ids;
    }

    private static Task<int> AddSessionAsync(PortalFactory portal, long keyId, SupportSessionStatus status) => portal.WriteAsync(scope =>
    {
        scope.Db.SupportSessions.Add(new SupportSession
        {
            SessionKeyId = keyId,
            SiteId = 1,
            Method = RedemptionMethod.ShortKeyEntry,
            StartedAt = scope.Db.SessionKeys.Where(k => k.Id == keyId).Select(k => k.IssuedAt).Single(),
            Status = status,
        });
        return 0;
    });

    private static async Task<int> CountAsync(PortalFactory portal, string action)
    {
        await using var db = portal.CreateDbContext();
        return await db.AuditEntries.CountAsync(e => e.Action == action);
    }
}
