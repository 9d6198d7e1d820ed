using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data;

public sealed class WriteAheadLogLimitTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Under_writes_without_a_pause_the_log_stays_near_its_limit_and_nothing_written_is_lost()
    {
        // The background checkpoint never ticks here (the clock is fake): only the writer's own checkpoint can keep the log short.
        await using var portal = new OneMegabyteLogPortal().Started();
        var logPath = portal.DatabasePath + "-wal";
        var largest = 0L;

        for (var i = 0; i < 400; i++)
        {
            await portal.WriteAsync(scope => scope.Audit(new AuditRecord("test", "test.log_limit", "probe", $"{i}", new string('x', 6000))));
            largest = Math.Max(largest, new FileInfo(logPath).Length);
        }

        // 400 entries of 6 KB are about 5 MB of log; one batch may pass the limit before the checkpoint after it.
        largest.ShouldBeLessThan(Megabyte + Megabyte / 2);
        await using var db = portal.CreateDbContext();
        (await db.AuditEntries.CountAsync(e => e.Action == "test.log_limit")).ShouldBe(400);
        (await portal.Get<AuditTrailVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    private sealed class OneMegabyteLogPortal : PortalFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:WalSizeLimitMegabytes"] = "1" };
    }
}
