using System.ComponentModel.DataAnnotations;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Users;

/// <summary>A built-in provider's user as the Users page and <c>users list</c> show them.</summary>
public sealed record UserSummary(
    string UserName, string? Email, IReadOnlyList<string> Roles, int? RepresentativeId, string State,
    bool IsDisabled, bool IsLocked, bool MustChangePassword, bool TwoFactorEnabled);

/// <summary>
/// What a change to a user did: refused with a reason, or done (with the one-time password to hand over, if any). The
/// reason reads as the command line prints it after <c>users: </c>; the Users page starts it with a capital.
/// </summary>
public sealed record UserChangeResult(string? Error, string? OneTimePassword = null)
{
    public bool Succeeded => Error is null;
    public static readonly UserChangeResult Done = new((string?)null);
    public static UserChangeResult Refused(string error) => new(error);

    /// <summary>The reason as a sentence of its own.</summary>
    public string? Sentence => Error is { Length: > 0 } e ? char.ToUpperInvariant(e[0]) + e[1..] : null;
}

/// <summary>
/// The built-in provider's users, with the rules the command line and the Users page share: the password policy, no
/// Development demo name outside Development, one representative per user, "disabled" as a lockout without end. A
/// change made with an actor (an administrator on the page) is audited under that actor; the command line passes none,
/// as it runs before the audit writer does. Changes that must end a user's sessions give the user a new security stamp.
/// </summary>
public sealed class UserAccounts(
    IServiceScopeFactory scopes, IHostEnvironment environment, TimeProvider time, DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> databases, PortalCatalog catalog)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var representatives = (await db.Representatives.AsNoTracking().Where(r => r.PortalUserName != null)
                .Select(r => new { r.PortalUserName, r.Id }).ToListAsync(cancellationToken))
            .GroupBy(r => r.PortalUserName!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Id), StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var mustChange = (await users.GetClaimsAsync(user)).Any(c => c.Type == UserState.MustChangePasswordClaim);
            summaries.Add(new UserSummary(user.UserName!, user.Email, roles,
                representatives.TryGetValue(user.UserName!, out var id) ? id : null, UserState.Describe(user, now),
                UserState.IsDisabled(user), UserState.IsLocked(user, now), mustChange, user.TwoFactorEnabled));
        }
        return summaries;
    }

    /// <summary>
    /// Creates a user with <paramref name="roles"/> (at least one). Without <paramref name="password"/> the portal makes a one-time password (returned,
    /// to hand over) that the user must replace at their first sign-in; an operator's own password is kept as typed.
    /// </summary>
    public async Task<UserChangeResult> CreateAsync(string? actor, string userName, IReadOnlyCollection<string> roles, string? email, int? representativeId,
        string? password = null, CancellationToken cancellationToken = default)
    {
        var name = userName.Trim();
        if (name.Length is 0 or > 256) return UserChangeResult.Refused("a user name has 1 to 256 characters.");
        var portalRoles = PortalRoles.All.Where(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (portalRoles.Count == 0) return UserChangeResult.Refused("a user needs at least one role: Agent, Supervisor or Admin.");
        if (!string.IsNullOrWhiteSpace(email) && !new EmailAddressAttribute().IsValid(email)) return UserChangeResult.Refused($"'{email}' is not an email address.");
        if (!environment.IsDevelopment() && DevelopmentUsers.Users.Any(u => string.Equals(u.UserName, name, StringComparison.OrdinalIgnoreCase)))
            return UserChangeResult.Refused($"'{name}' is a Development demo user's name, which the portal refuses outside Development; choose another.");

        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(name) is not null) return UserChangeResult.Refused($"a user named '{name}' already exists.");
        if (representativeId is int repId && await RepresentativeRefusalAsync(repId, name, cancellationToken) is { } refusal) return UserChangeResult.Refused(refusal);

        var oneTime = password is null;
        password ??= OneTimePasswords.New();
        var user = new IdentityUser(name) { Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim() };
        if (await PasswordRefusalAsync(users, user, password) is { } weak) return UserChangeResult.Refused(weak);
        foreach (var role in portalRoles) await EnsureRoleAsync(scope, role);
        if (Refusal(await users.CreateAsync(user, password)) is { } failed) return UserChangeResult.Refused(failed);
        if (Refusal(await users.AddToRolesAsync(user, portalRoles)) is { } roleFailed) return UserChangeResult.Refused(roleFailed);
        if (oneTime) await users.AddClaimAsync(user, new(UserState.MustChangePasswordClaim, "true"));
        if (representativeId is int linked) await LinkAsync(linked, name, cancellationToken);
        await AuditAsync(actor, name, "created", null, new { roles = portalRoles, email = user.Email, representative = representativeId, oneTimePassword = oneTime }, cancellationToken);
        return new UserChangeResult(null, oneTime ? password : null);
    }

    /// <summary>A password the operator chose (<c>users set-password</c>): kept as typed, the user's sessions end.</summary>
    public Task<UserChangeResult> SetPasswordAsync(string? actor, string userName, string password, CancellationToken cancellationToken = default) =>
        ReplacePasswordAsync(actor, userName, password, oneTime: false, cancellationToken);

    /// <summary>A new one-time password (returned, to hand over) that the user must replace at their next sign-in; their sessions end.</summary>
    public Task<UserChangeResult> ResetPasswordAsync(string actor, string userName, CancellationToken cancellationToken = default) =>
        ReplacePasswordAsync(actor, userName, OneTimePasswords.New(), oneTime: true, cancellationToken);

    private async Task<UserChangeResult> ReplacePasswordAsync(string? actor, string userName, string password, bool oneTime, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return NoSuchUser(userName);
        // Checked first, so that a refused password never leaves the user without one.
        if (await PasswordRefusalAsync(users, user, password) is { } weak) return UserChangeResult.Refused(weak);
        if (await users.HasPasswordAsync(user) && Refusal(await users.RemovePasswordAsync(user)) is { } removeFailed) return UserChangeResult.Refused(removeFailed);
        if (Refusal(await users.AddPasswordAsync(user, password)) is { } addFailed) return UserChangeResult.Refused(addFailed);
        await users.ResetAccessFailedCountAsync(user);
        await SetMustChangeAsync(users, user, oneTime);
        await AuditAsync(actor, user.UserName!, oneTime ? "password reset" : "password set", null, new { oneTimePassword = oneTime }, cancellationToken);
        return new UserChangeResult(null, oneTime ? password : null);
    }

    /// <summary>Replaces the user's roles with <paramref name="roles"/> (at least one); open sessions take the new roles at their next check.</summary>
    public async Task<UserChangeResult> SetRolesAsync(string actor, string userName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var wanted = PortalRoles.All.Where(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (wanted.Count == 0) return UserChangeResult.Refused("a user needs at least one role: Agent, Supervisor or Admin.");
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return NoSuchUser(userName);
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        foreach (var role in wanted) await EnsureRoleAsync(scope, role);
        if (before.Except(wanted).ToList() is { Count: > 0 } removed && Refusal(await users.RemoveFromRolesAsync(user, removed)) is { } removeFailed)
            return UserChangeResult.Refused(removeFailed);
        if (wanted.Except(before).ToList() is { Count: > 0 } added && Refusal(await users.AddToRolesAsync(user, added)) is { } addFailed)
            return UserChangeResult.Refused(addFailed);
        await AuditAsync(actor, user.UserName!, "roles", before, wanted, cancellationToken);
        return UserChangeResult.Done;
    }

    /// <summary>Makes the user act as representative <paramref name="representativeId"/>, or as none (null).</summary>
    public async Task<UserChangeResult> SetRepresentativeAsync(string actor, string userName, int? representativeId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await Users(scope).FindByNameAsync(userName) is not { } user) return NoSuchUser(userName);
        var name = user.UserName!;
        if (representativeId is int id && await RepresentativeRefusalAsync(id, name, cancellationToken) is { } refusal) return UserChangeResult.Refused(refusal);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Compared in memory: the two databases compare text with different case rules.
        var linked = (await db.Representatives.Where(r => r.PortalUserName != null).ToListAsync(cancellationToken))
            .Where(r => string.Equals(r.PortalUserName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var before = linked.Select(r => r.Id).Order().ToList();
        foreach (var rep in linked.Where(r => r.Id != representativeId)) rep.PortalUserName = null;
        await db.SaveChangesAsync(cancellationToken);
        if (representativeId is int newId) await LinkAsync(newId, name, cancellationToken);
        else await catalog.InvalidateAsync(cancellationToken);
        await AuditAsync(actor, name, "representative", new { representatives = before }, new { representative = representativeId }, cancellationToken);
        return UserChangeResult.Done;
    }

    /// <summary>Locks the user until <paramref name="until"/>; their open sessions end.</summary>
    public Task<UserChangeResult> LockAsync(string actor, string userName, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        SetLockoutAsync(actor, userName, until, "locked", cancellationToken);

    public Task<UserChangeResult> UnlockAsync(string actor, string userName, CancellationToken cancellationToken = default) =>
        SetLockoutAsync(actor, userName, null, "unlocked", cancellationToken);

    /// <summary>Disables (a lockout without end; open sessions end) or enables the user.</summary>
    public Task<UserChangeResult> SetDisabledAsync(string? actor, string userName, bool disabled, CancellationToken cancellationToken = default) =>
        SetLockoutAsync(actor, userName, disabled ? UserState.Disabled : null, disabled ? "disabled" : "enabled", cancellationToken);

    private async Task<UserChangeResult> SetLockoutAsync(string? actor, string userName, DateTimeOffset? end, string change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return NoSuchUser(userName);
        var before = UserState.Describe(user, time.GetUtcNow());
        if (Refusal(await users.SetLockoutEnabledAsync(user, true)) is { } enableFailed) return UserChangeResult.Refused(enableFailed);
        if (Refusal(await users.SetLockoutEndDateAsync(user, end)) is { } failed) return UserChangeResult.Refused(failed);
        // A new stamp ends the user's open sessions at their next check (ADR-006).
        if (end is not null) await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, user.UserName!, change, before, UserState.Describe(user, time.GetUtcNow()), cancellationToken);
        return UserChangeResult.Done;
    }

    /// <summary>The user's own change of password (current and new); the one-time password's flag goes with it.</summary>
    public async Task<UserChangeResult> ChangeOwnPasswordAsync(string userName, string current, string next, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByNameAsync(userName) is not { } user) return NoSuchUser(userName);
        if (!await users.CheckPasswordAsync(user, current)) return UserChangeResult.Refused("the current password is not correct.");
        if (current == next) return UserChangeResult.Refused("the new password must differ from the current one.");
        if (await PasswordRefusalAsync(users, user, next) is { } weak) return UserChangeResult.Refused(weak);
        if (Refusal(await users.ChangePasswordAsync(user, current, next)) is { } failed) return UserChangeResult.Refused(failed);
        await SetMustChangeAsync(users, user, false);
        await AuditAsync($"user:{user.UserName}", user.UserName!, "password changed", null, null, cancellationToken);
        return UserChangeResult.Done;
    }

    internal static async Task<string?> PasswordRefusalAsync(UserManager<IdentityUser> users, IdentityUser user, string password)
    {
        if (password == DevelopmentUsers.Password) return "that is the published Development password; choose another.";
        foreach (var validator in users.PasswordValidators)
        {
            if (Refusal(await validator.ValidateAsync(users, user, password)) is { } refusal) return refusal;
        }
        return null;
    }

    internal static async Task SetMustChangeAsync(UserManager<IdentityUser> users, IdentityUser user, bool mustChange)
    {
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == UserState.MustChangePasswordClaim).ToList();
        if (claims.Count > 0) await users.RemoveClaimsAsync(user, claims);
        if (mustChange) await users.AddClaimAsync(user, new(UserState.MustChangePasswordClaim, "true"));
    }

    private async Task<string?> RepresentativeRefusalAsync(int id, string name, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var representative = await db.Representatives.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (representative is null) return $"there is no representative {id}.";
        return representative.PortalUserName is { } other && !string.Equals(other, name, StringComparison.OrdinalIgnoreCase)
            ? $"representative {id} already acts for the user '{other}'."
            : null;
    }

    private async Task LinkAsync(int id, string name, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var representative = await db.Representatives.SingleAsync(r => r.Id == id, cancellationToken);
        representative.PortalUserName = name;
        await db.SaveChangesAsync(cancellationToken);
        await catalog.InvalidateAsync(cancellationToken);
    }

    private Task AuditAsync(string? actor, string userName, string change, object? before, object? after, CancellationToken cancellationToken) =>
        actor is null
            ? Task.CompletedTask
            : writer.WriteAsync(scope =>
            {
                scope.Audit(new AuditRecord(actor, AuditActions.AdminChange, AuditSubjects.User, userName,
                    AuditRecord.Serialize(new { change, before, after })));
                return 0;
            }, cancellationToken);

    private static async Task EnsureRoleAsync(AsyncServiceScope scope, string role)
    {
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    private static UserManager<IdentityUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

    private static UserChangeResult NoSuchUser(string userName) => UserChangeResult.Refused($"no user is named '{userName}'.");

    private static string? Refusal(IdentityResult result) => result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
