using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// How many failed password sign-ins the built-in provider allows. Section <c>SignInThrottle</c>. Each limit is a token
/// bucket: a burst of <c>Limit</c> failures, refilled evenly over <c>Window</c>. See <see cref="SignInThrottle"/>.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignInThrottle";

    /// <summary>Failed sign-ins one client address (an IPv4 address or an IPv6 /64) may make in a burst, whatever the user names. Defaults to 10.</summary>
    [Range(1, 100_000, ErrorMessage = "SignInThrottle:PerAddressLimit must be between 1 and 100000.")]
    public int PerAddressLimit { get; set; } = 10;

    /// <summary>The time over which <see cref="PerAddressLimit"/> refills. Defaults to 15 minutes (one more every 90 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "SignInThrottle:PerAddressWindow must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed sign-ins for one user name, from all addresses together, in a burst. Once spent, only addresses that have
    /// already failed for that name (see <see cref="FailureMemory"/>) wait. Defaults to 10.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "SignInThrottle:PerUserLimit must be between 1 and 100000.")]
    public int PerUserLimit { get; set; } = 10;

    /// <summary>The time over which <see cref="PerUserLimit"/> refills. Defaults to one hour (one more every 6 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "SignInThrottle:PerUserWindow must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan PerUserWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an address's failed sign-in for a user name is remembered. Defaults to 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "SignInThrottle:FailureMemory must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(24);
}
