using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace BlazorKeyPortal.Tests.Features.DemoData;

public sealed class DemoDataGuardTests
{
    [Fact]
    public async Task Outside_development_the_portal_refuses_to_start_while_a_demo_api_account_is_enabled()
    {
        // The Development portal owns (and at the end removes) the folder; the second host opens the same file.
        await using var development = new PortalFactory().Started();

        await using var production = new ProductionPortal(development.DataDirectory);

        Should.Throw<Exception>(() => production.Started()).ToString()
            .ShouldContain("The demo API accounts demo-deny, demo-full-access, demo-read-only exist in this database");
    }

    [Fact]
    public async Task Outside_development_a_disabled_demo_api_account_still_stops_the_start_and_is_named()
    {
        await using var development = new PortalFactory().Started();
        await DeleteApiAccountsAsync(development, "demo-full-access", "demo-deny");
        await using (var db = development.CreateDbContext())
        {
            await db.ApiAccounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.IsEnabled, false));
        }

        await using var production = new ProductionPortal(development.DataDirectory);

        ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => production.Started()))
            .ShouldContain("The demo API accounts demo-read-only exist in this database, enabled or not");
    }

    [Fact]
    public async Task Outside_development_an_api_account_whose_secret_is_a_demo_secret_stops_the_start()
    {
        await using var development = new PortalFactory().Started();
        await development.Get<ApiAccountProvisioner>().CreateAsync("system", "Ticketing", "ticketing", CommandPermission.FullAccess, "", "demo-read-secret");
        await DeleteApiAccountsAsync(development, DevelopmentSeed.ApiAccounts.Select(a => a.ClientId).ToArray());

        await using var production = new ProductionPortal(development.DataDirectory);

        ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => production.Started()))
            .ShouldContain("The API accounts ticketing have a published demo secret");
    }

    [Fact]
    public async Task The_production_process_exits_with_an_error_that_names_a_disabled_demo_account()
    {
        await using var development = new PortalFactory().Started();
        await DeleteApiAccountsAsync(development, "demo-full-access", "demo-read-only");
        await using (var db = development.CreateDbContext())
        {
            await db.ApiAccounts.ExecuteUpdateAsync(s => s.SetProperty(a => a.IsEnabled, false));
        }

        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(development.DataDirectory, "Production");

        exitCode.ShouldNotBe(0);
        output.ShouldContain("The demo API accounts demo-deny exist in this database, enabled or not");
    }

    [Fact]
    public async Task Outside_development_no_demo_data_is_created()
    {
        await using var production = new ProductionPortal(null).Started();

        await using var db = production.CreateDbContext();
        (await db.ApiAccounts.CountAsync()).ShouldBe(0);
        (await db.PublicSites.CountAsync()).ShouldBe(0);
    }

    /// <summary>Removes accounts as a database administrator would: the portal's row and the OAuth2 client.</summary>
    internal static async Task DeleteApiAccountsAsync(PortalFactory portal, params string[] clientIds)
    {
        await using var db = portal.CreateDbContext();
        await db.ApiAccounts.Where(a => clientIds.Contains(a.ClientId)).ExecuteDeleteAsync();
        await db.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => clientIds.Contains(a.ClientId!)).ExecuteDeleteAsync();
    }

    private sealed class ProductionPortal(string? directory) : PortalFactory(directory)
    {
        protected override string EnvironmentName => "Production";

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:PublicOrigin"] = "https://localhost" };
    }
}
