using System.ComponentModel.DataAnnotations;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
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
            case "set-password": await SetPasswordAsync(arguments, cancellationToken); break;
            case "list": arguments.NoMoreThan(2); await ListAsync(cancellationToken); break;
            case "disable": await SetDisabledAsync(arguments, disabled: true, cancellationToken); break;
            case "enable": await SetDisabledAsync(arguments, disabled: false, cancellationToken); break;
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

        // The operator typed the password, so it is no one-time password: no change is asked for at the first sign-in.
        var password = ReadNewPassword(name);
        Check(await Accounts.CreateAsync(null, name, [role], email, representative, password, cancellationToken));
        console.Out.WriteLine($"Created {role} '{name}'{(representative is { } repId ? $", acting as representative {repId} ({await RepresentativeNameAsync(repId, cancellationToken)})" : "")}.");
    }

    private async Task SetPasswordAsync(OperatorArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Word(2, "the user name");
        arguments.NoMoreThan(3);
        if ((await Accounts.ListAsync(cancellationToken)).All(u => !string.Equals(u.UserName, name, StringComparison.OrdinalIgnoreCase)))
            throw new OperatorCommandException($"no user is named '{name}'.");
        Check(await Accounts.SetPasswordAsync(null, name, ReadNewPassword(name), cancellationToken));
        console.Out.WriteLine($"Set a new password for '{name}'; their open sessions end.");
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        console.Out.WriteLine($"{"user",-24} {"roles",-22} {"representative",-14} {"state",-28} email");
        foreach (var user in await Accounts.ListAsync(cancellationToken))
        {
            var rep = user.RepresentativeId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
            console.Out.WriteLine($"{user.UserName,-24} {string.Join(",", user.Roles),-22} {rep,-14} {user.State,-28} {user.Email ?? "-"}");
        }
    }

    private async Task SetDisabledAsync(OperatorArguments arguments, bool disabled, CancellationToken cancellationToken)
    {
        var name = arguments.Word(2, "the user name");
        arguments.NoMoreThan(3);
        Check(await Accounts.SetDisabledAsync(null, name, disabled, cancellationToken));
        console.Out.WriteLine(disabled ? $"Disabled '{name}'; their open sessions end." : $"Enabled '{name}'.");
    }

    private UserAccounts Accounts => services.GetRequiredService<UserAccounts>();

    private string ReadNewPassword(string name)
    {
        var password = console.ReadPassword($"Password for {name}: ");
        if (string.IsNullOrEmpty(password)) throw new OperatorCommandException("no password was given on standard input.");
        return password;
    }

    private async Task<string> RepresentativeNameAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return await db.Representatives.Where(r => r.Id == id).Select(r => r.Username).SingleAsync(cancellationToken);
    }

    private static void Check(UserChangeResult result)
    {
        if (!result.Succeeded) throw new OperatorCommandException(result.Error!);
    }
}
