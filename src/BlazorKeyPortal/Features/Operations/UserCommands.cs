using System.ComponentModel.DataAnnotations;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Operations;

/// <summary>
/// <c>users add|set-password|list|disable|enable</c>: the built-in provider's users from the command line, so that the
/// first administrator exists before anyone can sign in. Everything after that is also on the portal's pages.
/// </summary>
internal sealed class UserCommands(IServiceProvider services, OperatorConsole console)
{
    public static readonly string[] Flags = [];
    public static readonly string[] Valued = ["role", "representative", "email"];

    public async Task RunAsync(OperatorArguments arguments, CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<IOptions<PortalSignInOptions>>().Value.UsesBuiltInProvider)
        {
            throw new OperatorCommandException("the built-in sign-in provider is off (Authentication:Authority is set): users and roles come from that provider.");
        }
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var verb = arguments.Word(1, "what to do with users (add, set-password, list, disable, enable)");
        switch (verb)
        {
            case "add": await AddAsync(users, arguments, cancellationToken); break;
            case "set-password": await SetPasswordAsync(users, arguments); break;
            case "list": arguments.NoMoreThan(2); await ListAsync(users, cancellationToken); break;
            case "disable": await SetDisabledAsync(users, arguments, disabled: true); break;
            case "enable": await SetDisabledAsync(users, arguments, disabled: false); break;
            default: throw new OperatorCommandException($"'users {verb}' is not a command; see --help.", 2);
        }
    }

    private async Task AddAsync(UserManager<IdentityUser> users, OperatorArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Word(2, "the user name");
        arguments.NoMoreThan(3);
        var role = PortalRoles.All.FirstOrDefault(r => string.Equals(r, arguments.Value("role"), StringComparison.OrdinalIgnoreCase))
            ?? throw new OperatorCommandException("--role must be Agent, Supervisor or Admin.", 2);
        var email = arguments.Value("email");
        if (email is not null && !new EmailAddressAttribute().IsValid(email)) throw new OperatorCommandException($"'{email}' is not an email address.", 2);
        int? representative = null;
        if (arguments.Value("representative") is { } text)
        {
            representative = int.TryParse(text, out var id) && id > 0 ? id : throw new OperatorCommandException("--representative must be a representative's id (a positive number).", 2);
        }
        if (await users.FindByNameAsync(name) is not null) throw new OperatorCommandException($"a user named '{name}' already exists.");
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && DevelopmentUsers.Users.Any(u => string.Equals(u.UserName, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new OperatorCommandException($"'{name}' is a Development demo user's name, which the portal refuses outside Development; choose another.");
        }
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var linked = representative is { } repId ? await LinkableRepresentativeAsync(db, repId, name, cancellationToken) : null;

        var password = ReadNewPassword(name);
        await ValidatePasswordAsync(users, new IdentityUser(name), password);
        await EnsureRoleAsync(role);
        var user = new IdentityUser(name) { Email = email };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        if (linked is not null)
        {
            linked.PortalUserName = name;
            await db.SaveChangesAsync(cancellationToken);
        }
        console.Out.WriteLine($"Created {role} '{name}'{(linked is null ? "" : $", acting as representative {linked.Id} ({linked.Username})")}.");
    }

    private async Task SetPasswordAsync(UserManager<IdentityUser> users, OperatorArguments arguments)
    {
        var name = arguments.Word(2, "the user name");
        arguments.NoMoreThan(3);
        var user = await users.FindByNameAsync(name) ?? throw new OperatorCommandException($"no user is named '{name}'.");
        var password = ReadNewPassword(name);
        await ValidatePasswordAsync(users, user, password);
        // Checked first, so that a refused password never leaves the user without one.
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        Check(await users.ResetAccessFailedCountAsync(user));
        console.Out.WriteLine($"Set a new password for '{name}'; their open sessions end.");
    }

    private async Task ListAsync(UserManager<IdentityUser> users, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var representatives = await db.Representatives.AsNoTracking().Where(r => r.PortalUserName != null)
            .ToDictionaryAsync(r => r.PortalUserName!, r => r.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var all = await users.Users.OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        console.Out.WriteLine($"{"user",-24} {"roles",-22} {"representative",-14} {"state",-28} email");
        foreach (var user in all)
        {
            var roles = string.Join(",", await users.GetRolesAsync(user));
            var rep = representatives.TryGetValue(user.UserName!, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
            console.Out.WriteLine($"{user.UserName,-24} {roles,-22} {rep,-14} {UserState.Describe(user, now),-28} {user.Email ?? "-"}");
        }
    }

    private async Task SetDisabledAsync(UserManager<IdentityUser> users, OperatorArguments arguments, bool disabled)
    {
        var name = arguments.Word(2, "the user name");
        arguments.NoMoreThan(3);
        var user = await users.FindByNameAsync(name) ?? throw new OperatorCommandException($"no user is named '{name}'.");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, disabled ? UserState.Disabled : null));
        // A new stamp ends the user's open sessions at their next check (ADR-006).
        if (disabled) Check(await users.UpdateSecurityStampAsync(user));
        console.Out.WriteLine(disabled ? $"Disabled '{name}'; their open sessions end." : $"Enabled '{name}'.");
    }

    private string ReadNewPassword(string name)
    {
        var password = console.ReadPassword($"Password for {name}: ");
        if (string.IsNullOrEmpty(password)) throw new OperatorCommandException("no password was given on standard input.");
        if (password == DevelopmentUsers.Password) throw new OperatorCommandException("that is the published Development password; choose another.");
        return password;
    }

    private static async Task ValidatePasswordAsync(UserManager<IdentityUser> users, IdentityUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password));
        }
    }

    private static async Task<Data.Entities.Representative> LinkableRepresentativeAsync(PortalDbContext db, int id, string name, CancellationToken cancellationToken)
    {
        var representative = await db.Representatives.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new OperatorCommandException($"there is no representative {id}.");
        if (representative.PortalUserName is { } other && !string.Equals(other, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new OperatorCommandException($"representative {id} already acts for the user '{other}'.");
        }
        return representative;
    }

    private async Task EnsureRoleAsync(string role)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new OperatorCommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>How a user stands: active, locked for a while, or disabled (locked with no end).</summary>
internal static class UserState
{
    /// <summary>The lockout end that means "disabled": no lockout ever runs out then.</summary>
    public static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    public static string Describe(IdentityUser user, DateTimeOffset now) => user.LockoutEnd switch
    {
        // Stored values lose the last digits of MaxValue's ticks; no lock with an end set in year 9999 is a real one.
        { } end when end.Year == Disabled.Year => "disabled",
        { } end when end > now => $"locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "active",
    };
}
