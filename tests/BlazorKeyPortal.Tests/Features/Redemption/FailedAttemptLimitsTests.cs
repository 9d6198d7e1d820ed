using System.Net;
using BlazorKeyPortal.Features.Redemption;
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
    public void The_global_budget_counts_short_keys_only_and_stops_every_address()
    {
        var limits = Limits(perAddress: 100, global: 6);
        for (var i = 0; i < 6; i++) limits.RecordFailure(A, shortKey: true);
        limits.RecordFailure(A, shortKey: false);

        limits.RetryAfter(B, shortKey: true).ShouldBe(TimeSpan.FromMinutes(10));
        limits.RetryAfter(B, shortKey: false).ShouldBeNull();
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

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    public void A_client_address_is_partitioned_by_IPv4_address_or_IPv6_64(string address, string partition)
    {
        ClientAddress.Of(IPAddress.Parse(address)).Partition.ShouldBe(partition);
    }
}
