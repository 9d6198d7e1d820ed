using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// How many failed redemption attempts are allowed, per client address and across all addresses that have failed.
/// Section <c>FailedRedemptions</c>. Each limit is a token bucket: a burst of <c>Limit</c> failures,
/// refilled evenly over <c>Window</c> (one failure every <c>Window / Limit</c>). See docs/brute-force.md.
/// </summary>
public sealed class FailedRedemptionOptions
{
    public const string SectionName = "FailedRedemptions";

    /// <summary>Failed attempts one client address (an IPv4 address or an IPv6 /64) may make in a burst. Defaults to 10.</summary>
    [Range(1, 100_000, ErrorMessage = "FailedRedemptions:PerAddressLimit must be between 1 and 100000.")]
    public int PerAddressLimit { get; set; } = 10;

    /// <summary>The time over which <see cref="PerAddressLimit"/> refills. Defaults to 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "FailedRedemptions:PerAddressWindow must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed short-key attempts all addresses together may make in a burst. Once they are spent, addresses with a
    /// short-key failure on record (see <see cref="FailureMemory"/>) wait; other addresses still get their attempt.
    /// Defaults to 60.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "FailedRedemptions:GlobalLimit must be between 1 and 1000000.")]
    public int GlobalLimit { get; set; } = 60;

    /// <summary>The time over which <see cref="GlobalLimit"/> refills. Defaults to one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "FailedRedemptions:GlobalWindow must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an address's failed short-key attempt is remembered: while it is, the address is subject to the global
    /// budget. Each address an attacker adds buys one guess per this period. Defaults to 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "FailedRedemptions:FailureMemory must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(24);
}
