using BlazorKeyPortal.Features.Invitations;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Invitations;

public sealed class InvitationRetryScheduleTests
{
    private static readonly InvitationRetrySchedule Schedule = new(new SmtpOptions());

    [Fact]
    public void The_wait_doubles_from_thirty_seconds_and_stops_growing_at_an_hour()
    {
        var waits = Enumerable.Range(1, 10).Select(Schedule.DelayAfter).ToList();

        waits.ShouldBe(new[] { 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600 }.Select(s => TimeSpan.FromSeconds(s)).ToList());
        Schedule.DelayAfter(int.MaxValue).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_mail_that_keeps_failing_is_tried_until_twenty_four_hours_after_it_was_queued_then_given_up()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var queuedAt = clock.GetUtcNow();
        var attempts = new List<DateTimeOffset> { queuedAt };

        // Each attempt fails at once; the clock moves on to the next one.
        while (Schedule.NextAttempt(queuedAt, attempts.Count, clock.GetUtcNow()) is { } next)
        {
            next.ShouldBeGreaterThan(clock.GetUtcNow());
            clock.SetUtcNow(next);
            attempts.Add(next);
        }

        attempts[1].ShouldBe(queuedAt.AddSeconds(30));
        attempts[2].ShouldBe(queuedAt.AddSeconds(90));
        attempts[^1].ShouldBe(queuedAt.AddHours(24));
        // 8 attempts within the first 1h05m of doubling waits, then one an hour until the deadline.
        attempts.Count.ShouldBe(31);
        clock.GetUtcNow().ShouldBe(queuedAt.AddHours(24));
    }
}
