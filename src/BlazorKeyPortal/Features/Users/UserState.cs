using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.Users;

/// <summary>How a user stands: active, locked for a while, or disabled (locked with no end).</summary>
public static class UserState
{
    /// <summary>The lockout end that means "disabled": no lockout ever runs out then.</summary>
    public static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    /// <summary>
    /// The user claim that makes the next sign-in ask for a new password: set with a one-time password an administrator
    /// hands over, removed once the user chose their own. A claim rather than a column, so both databases keep it as is.
    /// </summary>
    public const string MustChangePasswordClaim = "portal:must_change_password";

    // Stored values lose the last digits of MaxValue's ticks; no lock with an end set in year 9999 is a real one.
    public static bool IsDisabled(IdentityUser user) => user.LockoutEnd is { } end && end.Year == Disabled.Year;

    public static bool IsLocked(IdentityUser user, DateTimeOffset now) => !IsDisabled(user) && user.LockoutEnd is { } end && end > now;

    public static string Describe(IdentityUser user, DateTimeOffset now) =>
        IsDisabled(user) ? "disabled"
        : IsLocked(user, now) ? $"locked until {user.LockoutEnd!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
        : "active";
}
