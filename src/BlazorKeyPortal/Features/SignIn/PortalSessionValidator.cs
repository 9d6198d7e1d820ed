using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>What a session's check found.</summary>
public enum SessionStanding
{
    /// <summary>The session says what a new sign-in would say.</summary>
    Current,
    /// <summary>The user may stay signed in, but under <see cref="SessionCheck.Principal"/> (roles or names changed).</summary>
    Changed,
    /// <summary>The session must end (<see cref="SessionCheck.Reason"/>).</summary>
    Ended,
}

/// <summary>
/// The outcome of checking a session: its standing, the principal to carry on with when it changed, why it ended or
/// changed, and when the user store was read for it (the verdict holds until that time plus the interval).
/// </summary>
public sealed record SessionCheck(SessionStanding Standing, DateTimeOffset CheckedAt, ClaimsPrincipal? Principal = null, string? Reason = null);

/// <summary>
/// The one rule for whether a signed-in portal session still holds, shared by requests (the cookie's
/// <see cref="PortalCookieEvents"/>) and open pages (<see cref="RevalidatingPortalAuthenticationStateProvider"/>).
/// With the built-in provider the user is read again from the user store at most once per
/// <see cref="PortalSignInOptions.SessionRevalidationInterval"/>: a removed or locked-out user, or a changed security
/// stamp, ends the session; changed roles (recomputed exactly as a sign-in computes them) replace the session's.
/// </summary>
/// <remarks>
/// The user store is read once per user and interval, not once per session or request: every tab, circuit and request
/// of a user shares the verdict, and a request costs a dictionary look-up. An external provider has no store the portal
/// could ask, so its sessions are always <see cref="SessionStanding.Current"/> here; they end at their lifetime
/// (ten hours without use) or when the user signs out, which removes them from <see cref="PortalSessionStore"/>.
/// </remarks>
public sealed class PortalSessionValidator(IServiceScopeFactory scopes, IOptions<PortalSignInOptions> options, TimeProvider time)
{
    public const string UserRemoved = "user removed";
    public const string UserLockedOut = "user locked out";
    public const string StampChanged = "security stamp changed";
    public const string RolesChanged = "roles changed";

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, UserCheck> _users = new(StringComparer.Ordinal);

    /// <summary>How long a verdict about a user holds.</summary>
    public TimeSpan Interval => options.Value.SessionRevalidationInterval;

    /// <summary>Checks <paramref name="session"/> against the user as the store has it (read at most once per interval).</summary>
    public async Task<SessionCheck> CheckAsync(ClaimsPrincipal session, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.UsesBuiltInProvider)
        {
            return new SessionCheck(SessionStanding.Current, time.GetUtcNow());
        }
        if (session.FindFirst(PortalClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return new SessionCheck(SessionStanding.Ended, time.GetUtcNow(), Reason: UserRemoved);
        }

        var (checkedAt, user) = await UserAsync(subject, settings, cancellationToken);
        if (user.EndReason is { } reason)
        {
            return new SessionCheck(SessionStanding.Ended, checkedAt, Reason: reason);
        }
        var current = user.Principal!;
        // Sessions from before stamps were carried have none; they are still checked for lockout and roles.
        if (session.FindFirst(PortalClaims.SecurityStamp)?.Value is { } stamp && stamp != current.FindFirst(PortalClaims.SecurityStamp)?.Value)
        {
            return new SessionCheck(SessionStanding.Ended, checkedAt, Reason: StampChanged);
        }
        return SameIdentity(session, current)
            ? new SessionCheck(SessionStanding.Current, checkedAt)
            : new SessionCheck(SessionStanding.Changed, checkedAt, current, RolesChanged);
    }

    /// <summary>Drops what is known about <paramref name="subject"/>: the next check reads the user store again.</summary>
    public void Forget(string subject) => _users.TryRemove(subject, out _);

    private async Task<(DateTimeOffset CheckedAt, UserStanding User)> UserAsync(string subject, PortalSignInOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_users.TryGetValue(subject, out var check) || now - check.At >= settings.SessionRevalidationInterval)
        {
            if (_users.Count > PruneAbove) Prune(now, settings.SessionRevalidationInterval);
            // Concurrent requests of one user share one read: whoever stores its check first is awaited by all.
            var fresh = new UserCheck(now, new Lazy<Task<UserStanding>>(() => ReadAsync(subject, settings)));
            check = check is null
                ? _users.GetOrAdd(subject, fresh)
                : _users.TryUpdate(subject, fresh, check) ? fresh : _users.GetValueOrDefault(subject) ?? fresh;
        }
        try
        {
            return (check.At, await check.Standing.Value.WaitAsync(cancellationToken));
        }
        catch (Exception) when (check.Standing.Value.IsFaulted)
        {
            // A failed read (the database was unavailable) is not remembered as a verdict.
            _users.TryRemove(KeyValuePair.Create(subject, check));
            throw;
        }
    }

    private async Task<UserStanding> ReadAsync(string subject, PortalSignInOptions settings)
    {
        // Shared by every caller of this user, so no caller's cancellation stops it; it is a few indexed reads.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(subject);
        if (user is null) return new UserStanding(null, UserRemoved);
        if (await users.IsLockedOutAsync(user)) return new UserStanding(null, UserLockedOut);
        var provider = new ClaimsPrincipal(await BuiltInProvider.IdentityAsync(users, user));
        return new UserStanding(PortalClaims.FromProvider(provider, settings), null);
    }

    private static bool SameIdentity(ClaimsPrincipal session, ClaimsPrincipal current) =>
        session.FindFirst(PortalClaims.UserName)?.Value == current.FindFirst(PortalClaims.UserName)?.Value
        && session.FindFirst(PortalClaims.DisplayName)?.Value == current.FindFirst(PortalClaims.DisplayName)?.Value
        && PortalClaims.RolesOf(session).SequenceEqual(PortalClaims.RolesOf(current), StringComparer.Ordinal);

    private void Prune(DateTimeOffset now, TimeSpan interval)
    {
        foreach (var (subject, check) in _users)
        {
            if (now - check.At >= interval) _users.TryRemove(KeyValuePair.Create(subject, check));
        }
    }

    /// <summary>The user as the store had them: the principal a sign-in would make now, or why no session may go on.</summary>
    private sealed record UserStanding(ClaimsPrincipal? Principal, string? EndReason);

    private sealed record UserCheck(DateTimeOffset At, Lazy<Task<UserStanding>> Standing);
}
