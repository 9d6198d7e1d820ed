using BlazorKeyPortal.Features.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Throttling;

/// <summary>The token-bucket arithmetic shared by every failure budget, on a fake clock.</summary>
public sealed class FailureBudgetTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Taking_ahead_stops_at_the_limit_and_counts_nothing_when_refused()
    {
        var budget = new FailureBudget(3, TimeSpan.FromMinutes(3), _clock);

        for (var i = 0; i < 3; i++) budget.TryTake("a").ShouldBeNull();

        budget.TryTake("a").ShouldBe(TimeSpan.FromMinutes(1));
        budget.TryTake("a").ShouldBe(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        budget.TryTake("a").ShouldBeNull();
        budget.TryTake("b").ShouldBeNull();
    }

    [Fact]
    public void An_attempt_given_back_leaves_the_budget_as_it_was()
    {
        var budget = new FailureBudget(2, TimeSpan.FromMinutes(2), _clock);
        budget.Spend("a");

        budget.TryTake("a").ShouldBeNull();
        budget.Refund("a");
        budget.TryTake("a").ShouldBeNull();

        budget.RetryAfter("a").ShouldBe(TimeSpan.FromMinutes(1));
        budget.Refund("a");
        budget.Refund("a");
        budget.TrackedPartitions.ShouldBe(0);
    }

    [Fact]
    public void Failures_counted_without_asking_never_put_a_bucket_deeper_than_empty()
    {
        var budget = new FailureBudget(4, TimeSpan.FromMinutes(8), _clock);

        for (var i = 0; i < 100; i++) budget.Spend("a");

        budget.RetryAfter("a").ShouldBe(TimeSpan.FromMinutes(2));
    }
}
