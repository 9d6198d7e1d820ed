using System.Net;
using BlazorKeyPortal.Features.Redemption;
using BlazorKeyPortal.Features.Throttling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Redemption;

/// <summary>The token-bucket arithmetic of the failed-attempt budgets, on a fake clock.</summary>
public sealed class FailedAttemptLimitsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private static readonly ClientAddress A = ClientAddress.Of(IPAddress.Parse("192.0.2.1"));
    private static readonly ClientAddress B = ClientAddress.Of(IPAddress.Parse("192.0.2.2"));

    private FailedAttemptLimits Limits(int perAddress = 4, int global = 6) => new(Options.Create(new FailedRedemptionOptions
    {
        PerAddressLimit = perAddress,
        PerAddressWindow = TimeSpan.FromMinutes(8),
        GlobalLimit = global,
        GlobalWindow = TimeSpan.FromMinutes(60),
        FailureMemory = TimeSpan.FromHours(24),
    }), _clock);

    [Fact]
    public void An_address_may_fail_its_limit_in_a_burst_and_then_once_per_window_divided_by_the_limit()
    {
        var limits = Limits();

        for (var i = 0; i < 4; i++)
        {
            limits.RetryAfter(A, shortKey: true).ShouldBeNull();
            limits.RecordFailure(A, shortKey: true);
        }

        limits.RetryAfter(A, shortKey: true).ShouldBe(TimeSpan.FromMinutes(2));
        _clock.Advance(TimeSpan.FromSeconds(90));
        limits.RetryAfter(A, shortKey: true).ShouldBe(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(30));
        limits.RetryAfter(A, shortKey: true).ShouldBeNull();
    }

    [Fact]
    public void The_global_budget_counts_short_keys_only_and_stops_the_addresses_that_failed()
    {
        var limits = Limits(perAddress: 100, global: 6);
        for (var i = 0; i < 6; i++) limits.RecordFailure(A, shortKey: true);
        limits.RecordFailure(B, shortKey: false);

        limits.RetryAfter(A, shortKey: true).ShouldBe(TimeSpan.FromMinutes(10));
        limits.RetryAfter(A, shortKey: false).ShouldBeNull();
        // B failed with a key URL only: it has no short-key failure on record.
        limits.RetryAfter(B, shortKey: true).ShouldBeNull();
    }

    [Fact]
    public void An_address_without_a_short_key_failure_gets_its_attempt_and_its_failure_puts_it_on_record()
    {
        var limits = Limits(perAddress: 100, global: 6);
        for (var i = 0; i < 6; i++) limits.RecordFailure(A, shortKey: true);

        limits.RetryAfter(B, shortKey: true).ShouldBeNull();
        limits.RecordFailure(B, shortKey: true);

        limits.RetryAfter(B, shortKey: true).ShouldBe(TimeSpan.FromMinutes(10));
        // Spent beyond empty, the budget stays empty: the failing addresses wait one interval, not longer.
        limits.RetryAfter(A, shortKey: true).ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void A_short_key_failure_is_remembered_for_the_failure_memory_and_then_forgotten()
    {
        var limits = Limits(perAddress: 100, global: 6);
        for (var i = 0; i < 6; i++) limits.RecordFailure(A, shortKey: true);
        _clock.Advance(TimeSpan.FromHours(23));
        for (var i = 0; i < 6; i++) limits.RecordFailure(B, shortKey: true);

        limits.RetryAfter(A, shortKey: true).ShouldBe(TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromHours(1));
        limits.RetryAfter(A, shortKey: true).ShouldBeNull();
        limits.RecordFailure(B, shortKey: true);
        limits.RememberedAddresses.ShouldBe(1);
    }

    [Fact]
    public void Addresses_whose_budget_has_refilled_are_forgotten()
    {
        var limits = Limits();
        limits.RecordFailure(A, shortKey: false);
        _clock.Advance(TimeSpan.FromMinutes(8));

        limits.RecordFailure(B, shortKey: false);

        limits.TrackedAddresses.ShouldBe(1);
    }
}
