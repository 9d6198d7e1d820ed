using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.Operations;

public sealed class UserCommandsTests : IAsyncDisposable
{
    private const string Password = "Corr3ct-horse!";
    private readonly ProductionPortal _portal = new();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Users_add_creates_a_user_with_the_role_and_the_password_read_from_standard_input()
    {
        var run = await OperatorRun.RunAsync(_portal, Password, "users", "add", "dana", "--role", "admin", "--email", "dana@example.com");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldBe("Created Admin 'dana'.\n");
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var dana = (await users.FindByNameAsync("dana")).ShouldNotBeNull();
        (await users.CheckPasswordAsync(dana, Password)).ShouldBeTrue();
        (await users.IsInRoleAsync(dana, PortalRoles.Admin)).ShouldBeTrue();
        dana.Email.ShouldBe("dana@example.com");
    }

    [Fact]
    public async Task Users_add_refuses_a_name_that_exists()
    {
        (await OperatorRun.RunAsync(_portal, Password, "users", "add", "dana", "--role", "Agent")).ExitCode.ShouldBe(0);

        var again = await OperatorRun.RunAsync(_portal, Password, "users", "add", "DANA", "--role", "Agent");

        again.ExitCode.ShouldBe(1);
        again.Error.ShouldBe("users: a user named 'DANA' already exists.\n");
    }

    [Fact]
    public async Task Users_add_applies_the_password_policy_and_creates_nobody_on_a_weak_password()
    {
        var run = await OperatorRun.RunAsync(_portal, "short", "users", "add", "erin", "--role", "Agent");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("users: Passwords must be at least 8 characters.");
        await using var db = _portal.CreateDbContext();
        (await db.Users.AnyAsync(u => u.UserName == "erin")).ShouldBeFalse();
    }

    [Fact]
    public async Task Users_add_refuses_the_published_development_password()
    {
        var run = await OperatorRun.RunAsync(_portal, "Passw0rd!", "users", "add", "erin", "--role", "Agent");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe("users: that is the published Development password; choose another.\n");
    }

    [Fact]
    public async Task Outside_development_users_add_refuses_a_demo_user_name_that_would_stop_the_portal_from_starting()
    {
        var run = await OperatorRun.RunAsync(_portal, Password, "users", "add", "admin", "--role", "Admin");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe("users: 'admin' is a Development demo user's name, which the portal refuses outside Development; choose another.\n");
    }

    [Theory]
    [InlineData(new[] { "users", "add", "erin" }, "users: --role must be Agent, Supervisor or Admin.\n")]
    [InlineData(new[] { "users", "add", "erin", "--role", "Owner" }, "users: --role must be Agent, Supervisor or Admin.\n")]
    [InlineData(new[] { "users", "add", "--role", "Agent" }, "users: the user name is missing.\n")]
    [InlineData(new[] { "users", "add", "erin", "--role", "Agent", "--colour", "red" }, "users: unknown option --colour.\n")]
    [InlineData(new[] { "users", "add", "erin", "--role", "Agent", "--representative", "x" }, "users: --representative must be a representative's id (a positive number).\n")]
    [InlineData(new[] { "users", "rename", "erin" }, "users: 'users rename' is not a command; see --help.\n")]
    public async Task A_wrong_command_line_exits_2_with_one_line_that_names_the_problem(string[] args, string error)
    {
        var run = await OperatorRun.RunAsync(_portal, Password, args);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe(error);
    }

    [Fact]
    public async Task Users_add_links_the_user_to_a_representative()
    {
        await using (var db = _portal.Started().CreateDbContext())
        {
            db.Representatives.Add(new BlazorKeyPortal.Data.Entities.Representative { Id = 7, Username = "fmartin", PublicDisplayName = "F. Martin", PrivateDisplayName = "F. Martin" });
            await db.SaveChangesAsync();
        }

        var run = await OperatorRun.RunAsync(_portal, Password, "users", "add", "fiona", "--role", "Agent", "--representative", "7");

        run.Output.ShouldBe("Created Agent 'fiona', acting as representative 7 (fmartin).\n");
        await using var check = _portal.CreateDbContext();
        (await check.Representatives.SingleAsync(r => r.Id == 7)).PortalUserName.ShouldBe("fiona");
        var taken = await OperatorRun.RunAsync(_portal, Password, "users", "add", "gus", "--role", "Agent", "--representative", "7");
        taken.Error.ShouldBe("users: representative 7 already acts for the user 'fiona'.\n");
        (await OperatorRun.RunAsync(_portal, Password, "users", "add", "gus", "--role", "Agent", "--representative", "99")).Error.ShouldBe("users: there is no representative 99.\n");
    }

    [Fact]
    public async Task Set_password_replaces_the_password_and_a_refused_one_keeps_the_old()
    {
        await OperatorRun.RunAsync(_portal, Password, "users", "add", "hana", "--role", "Agent");

        (await OperatorRun.RunAsync(_portal, "weak", "users", "set-password", "hana")).ExitCode.ShouldBe(1);
        (await CheckPasswordAsync("hana", Password)).ShouldBeTrue();

        var run = await OperatorRun.RunAsync(_portal, "N3w-password!", "users", "set-password", "hana");
        run.ExitCode.ShouldBe(0, run.Error);
        (await CheckPasswordAsync("hana", "N3w-password!")).ShouldBeTrue();
        (await CheckPasswordAsync("hana", Password)).ShouldBeFalse();
    }

    [Fact]
    public async Task Disable_keeps_a_user_out_until_enable_and_list_shows_each_state()
    {
        await OperatorRun.RunAsync(_portal, Password, "users", "add", "ivan", "--role", "Supervisor");

        (await OperatorRun.RunAsync(_portal, null, "users", "disable", "ivan")).Output.ShouldBe("Disabled 'ivan'; their open sessions end.\n");
        (await OperatorRun.RunAsync(_portal, null, "users", "list")).Output.ShouldContain("ivan                     Supervisor             -              disabled");
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            (await users.IsLockedOutAsync((await users.FindByNameAsync("ivan"))!)).ShouldBeTrue();
        }

        (await OperatorRun.RunAsync(_portal, null, "users", "enable", "ivan")).Output.ShouldBe("Enabled 'ivan'.\n");
        (await OperatorRun.RunAsync(_portal, null, "users", "list")).Output.ShouldContain("ivan                     Supervisor             -              active");
        (await OperatorRun.RunAsync(_portal, null, "users", "disable", "nobody")).Error.ShouldBe("users: no user is named 'nobody'.\n");
    }

    [Fact]
    public async Task A_password_the_operator_typed_is_no_one_time_password_so_the_first_sign_in_asks_for_no_new_one()
    {
        await OperatorRun.RunAsync(_portal, Password, "users", "add", "jo", "--role", "Agent");
        var added = (await _portal.Services.GetRequiredService<UserAccounts>().ListAsync()).Single(u => u.UserName == "jo");
        (await OperatorRun.RunAsync(_portal, "N3w-password!", "users", "set-password", "jo")).ExitCode.ShouldBe(0);
        var set = (await _portal.Services.GetRequiredService<UserAccounts>().ListAsync()).Single(u => u.UserName == "jo");

        added.MustChangePassword.ShouldBeFalse();
        set.MustChangePassword.ShouldBeFalse();
    }

    private async Task<bool> CheckPasswordAsync(string name, string password)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, password);
    }
}
