using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data.Writing;

public sealed class WriteAheadLogLimitTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task Under_writes_without_a_pause_the_log_stays_near_its_limit_and_nothing_written_is_lost()
    {
        // The background checkpoint never ticks here (the clock is fake): only the writer's own checkpoint keeps the log short,
        // the one it runs without waiting for a background pass, past twice the limit.
        await using var portal = new OneMegabyteLogPortal().Started();
        var logPath = portal.DatabasePath + "-wal";
        var largest = 0L;

        for (var i = 0; i < 400; i++)
        {
            await portal.WriteAsync(scope => scope.Audit(new AuditRecord("test", "test.log_limit", "probe", $"{i}", new string('x', 6000))));
            largest = Math.Max(largest, new FileInfo(logPath).Length);
        }

        // 400 entries of 6 KB are about 5 MB of log; one batch may pass twice the limit before the checkpoint after it.
        largest.ShouldBeLessThan(2 * Megabyte + Megabyte / 2);
        await using var db = portal.CreateDbContext();
        (await db.AuditEntries.CountAsync(e => e.Action == "test.log_limit")).ShouldBe(400);
        (await portal.Get<AuditTrailVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Theory]
    [InlineData(900, false, false)]
    [InlineData(1100, false, false)] // past the limit: wait for the background pass, which leaves least to copy
    [InlineData(1100, true, true)]
    [InlineData(900, true, false)]
    [InlineData(2100, false, true)] // past twice the limit: the background checkpoint is failing or far behind
    public void The_writer_checkpoints_past_the_limit_right_after_a_background_pass_and_past_twice_the_limit_at_once(
        long logLength, bool justAfterBackgroundPass, bool checkpoints)
    {
        DatabaseWriter.LogNeedsCheckpoint(logLength, limit: 1000, justAfterBackgroundPass).ShouldBe(checkpoints);
    }

    private sealed class OneMegabyteLogPortal : PortalFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:WalSizeLimitMegabytes"] = "1" };
    }
}
