using BlazorKeyPortal.Features.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Throttling;

/// <summary>A budget many clients share: it refuses only clients with a failure on record.</summary>
public sealed class SharedFailureBudgetTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private SharedFailureBudget Budget() => new(2, TimeSpan.FromHours(1), TimeSpan.FromHours(24), _clock);

    [Fact]
    public void Once_spent_it_refuses_the_clients_that_failed_and_lets_a_new_client_try()
    {
        var budget = Budget();
        budget.Spend("scope", "a");
        budget.Spend("scope", "b");

        budget.RetryAfter("scope", "a").ShouldBe(TimeSpan.FromMinutes(30));
        budget.RetryAfter("scope", "c").ShouldBeNull();
        budget.RetryAfter("other scope", "a").ShouldBeNull();
    }

    [Fact]
    public void Taking_ahead_puts_a_new_client_on_record_and_giving_back_takes_it_off()
    {
        var budget = Budget();
        budget.Spend("scope", "a");
        budget.Spend("scope", "b");

        budget.TryTake("scope", "c").ShouldBeNull();
        budget.TryTake("scope", "c").ShouldBe(TimeSpan.FromMinutes(30));
        budget.Refund("scope", "c");

        budget.RetryAfter("scope", "c").ShouldBeNull();
        budget.RememberedClients.ShouldBe(2);
    }

    [Fact]
    public void Records_older_than_the_memory_are_swept()
    {
        var budget = Budget();
        budget.Spend("scope", "a");
        _clock.Advance(TimeSpan.FromHours(24));

        budget.Spend("scope", "b");

        budget.RememberedClients.ShouldBe(1);
    }
}
