using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.Users;

/// <summary>
/// A signed-in user's own two-factor sign-in (My account), and an administrator turning it off for a user who lost their
/// app. Turning it on or off gives the user a new security stamp, so their open sessions end and the next sign-in asks as
/// the setting now says; preparing a key does not, so the session lasts while the user scans the code.
/// </summary>
public sealed class UserTwoFactor(IServiceScopeFactory scopes, DatabaseWriter writer, TwoFactorRequirements requirements)
{
    /// <summary>A fresh shared key for a user who has two-factor sign-in off; an earlier, unconfirmed key is replaced.</summary>
    public async Task<string?> PrepareAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user || user.TwoFactorEnabled) return null;
        var store = (IUserAuthenticatorKeyStore<IdentityUser>)scope.ServiceProvider.GetRequiredService<IUserStore<IdentityUser>>();
        // Not ResetAuthenticatorKeyAsync: it renews the security stamp, which would end the session of the user scanning the code.
        await store.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
        await users.UpdateAsync(user);
        return await users.GetAuthenticatorKeyAsync(user);
    }

    /// <summary>
    /// Checks a code of the app against the prepared key and returns the ten recovery codes to show before two-factor
    /// sign-in is turned on (<see cref="EnableAsync"/>); null for a wrong code.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(string userName, string? code)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user || user.TwoFactorEnabled) return null;
        if (!await Authenticators.VerifyAsync(users, user, code)) return null;
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, Authenticators.RecoveryCodeCount) ?? []];
    }

    /// <summary>Turns two-factor sign-in on (after <see cref="ConfirmAsync"/>); the user's sessions end.</summary>
    public async Task<UserChangeResult> EnableAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return UserChangeResult.Refused($"no user is named '{userName}'.");
        if (await users.CountRecoveryCodesAsync(user) == 0) return UserChangeResult.Refused("confirm a code of the app first.");
        await users.SetTwoFactorEnabledAsync(user, true);
        await AuditAsync($"user:{user.UserName}", user.UserName!, "two-factor sign-in on", cancellationToken);
        return UserChangeResult.Done;
    }

    /// <summary>The user turns two-factor sign-in off with a current code; refused while a role of theirs requires it.</summary>
    public async Task<UserChangeResult> DisableOwnAsync(string userName, string? code, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return UserChangeResult.Refused($"no user is named '{userName}'.");
        if (await requirements.RequiredForAsync(await users.GetRolesAsync(user))) return UserChangeResult.Refused("your role requires two-factor sign-in; it cannot be turned off.");
        if (!await Authenticators.CheckAsync(users, user, code)) return UserChangeResult.Refused("that code is not correct.");
        await TurnOffAsync(users, user);
        await AuditAsync($"user:{user.UserName}", user.UserName!, "two-factor sign-in off", cancellationToken);
        return UserChangeResult.Done;
    }

    /// <summary>An administrator turns a user's two-factor sign-in off (a lost phone); a role that requires it asks for enrolment at the next sign-in.</summary>
    public async Task<UserChangeResult> TurnOffAsync(string actor, string userName, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return UserChangeResult.Refused($"no user is named '{userName}'.");
        await TurnOffAsync(users, user);
        await AuditAsync(actor, user.UserName!, "two-factor sign-in off", cancellationToken);
        return UserChangeResult.Done;
    }

    private static async Task TurnOffAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so that the old app (or whoever holds it) no longer produces codes for a later enrolment.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    private Task<int> AuditAsync(string actor, string userName, string change, CancellationToken cancellationToken) =>
        writer.WriteAsync(scope =>
        {
            scope.Audit(new AuditRecord(actor, AuditActions.AdminChange, AuditSubjects.User, userName, AuditRecord.Serialize(new { change })));
            return 0;
        }, cancellationToken);

    private static UserManager<IdentityUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
}
