using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.DemoData;

/// <summary>Outside Development the built-in provider must not start with the demo users or the demo password.</summary>
public sealed class DemoSignInGuardTests
{
    [Fact]
    public async Task Production_refuses_to_start_while_the_development_users_exist()
    {
        await using var development = await SeededWithoutDemoApiAccountsAsync();
        await using var production = ProductionOn(development);

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => production.Started()));

        messages.ShouldContain("The Development users agent, agent2, supervisor, admin exist in the built-in provider");
    }

    [Fact]
    public async Task Production_refuses_to_start_while_any_user_has_the_development_password()
    {
        await using var development = await SeededWithoutDemoApiAccountsAsync();
        await ReplaceDemoUsersAsync(development, ("alice", DevelopmentUsers.Password));
        await using var production = ProductionOn(development);

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => production.Started()));

        messages.ShouldContain("The users alice of the built-in provider have the Development password");
    }

    [Fact]
    public async Task Production_starts_once_the_demo_users_are_gone_and_no_one_has_the_demo_password()
    {
        await using var development = await SeededWithoutDemoApiAccountsAsync();
        await ReplaceDemoUsersAsync(development, ("alice", "An0ther-Secret!"));
        await using var production = ProductionOn(development);

        Should.NotThrow(() => production.Started());
    }

    private static async Task<PortalFactory> SeededWithoutDemoApiAccountsAsync()
    {
        var development = new PortalFactory().Started();
        await DemoDataGuardTests.DeleteApiAccountsAsync(development, DevelopmentSeed.ApiAccounts.Select(a => a.ClientId).ToArray());
        return development;
    }

    private static async Task ReplaceDemoUsersAsync(PortalFactory portal, (string UserName, string Password) replacement)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (userName, _) in DevelopmentUsers.Users)
        {
            (await users.DeleteAsync((await users.FindByNameAsync(userName))!)).Succeeded.ShouldBeTrue();
        }
        (await users.CreateAsync(new IdentityUser(replacement.UserName), replacement.Password)).Succeeded.ShouldBeTrue();
    }

    private static ConfiguredPortalFactory ProductionOn(PortalFactory development) => new(new Dictionary<string, string?>
    {
        ["environment"] = "Production",
        ["Portal:PublicOrigin"] = "https://localhost",
        ["Database:ConnectionString"] = development.ConnectionString,
    });
}
