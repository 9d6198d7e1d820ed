using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// How many failed client authentications the token endpoints allow per client address (an IPv4 address or an IPv6
/// /64). Section <c>TokenThrottle</c>. A token bucket: a burst of <see cref="PerAddressLimit"/> failures, refilled
/// evenly over <see cref="PerAddressWindow"/>.
/// </summary>
public sealed class TokenThrottleOptions
{
    public const string SectionName = "TokenThrottle";

    /// <summary>Failed client authentications one address may make in a burst. Defaults to 10.</summary>
    [Range(1, 100_000, ErrorMessage = "TokenThrottle:PerAddressLimit must be between 1 and 100000.")]
    public int PerAddressLimit { get; set; } = 10;

    /// <summary>The time over which <see cref="PerAddressLimit"/> refills. Defaults to 10 minutes (one more a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "TokenThrottle:PerAddressWindow must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(10);
}
