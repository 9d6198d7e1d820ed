using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.SessionKeys;

public sealed class EmbeddedSessionKeyAuthorityTests
{
    [Fact]
    public async Task A_key_issued_mid_second_reports_the_whole_second_and_its_access_key_begins_with_the_millisecond()
    {
        await using var portal = new PortalFactory();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        var now = new DateTimeOffset(2026, 11, 30, 9, 30, 15, 678, TimeSpan.Zero);
        portal.Clock.SetUtcNow(now);

        var reply = await api.GenerateAsync("queue_id=team:1&external_key=MS-1");

        reply.IsError.ShouldBeFalse(reply.Body);
        await using var db = portal.CreateDbContext();
        var key = await db.SessionKeys.SingleAsync(k => k.ExternalKey == "MS-1");
        key.IssuedAt.ShouldBe(new DateTimeOffset(2026, 11, 30, 9, 30, 15, TimeSpan.Zero));
        // The millisecond orders keys within a second in the access-key index (ADR-007).
        key.AccessKey[..12].ShouldBe(now.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture));
    }
}
