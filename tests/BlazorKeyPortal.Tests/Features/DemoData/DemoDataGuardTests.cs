using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
            .ShouldContain("The demo API accounts demo-deny, demo-full-access, demo-read-only exist in this database. They are for Development only");
    }

    [Fact]
    public async Task Outside_development_no_demo_data_is_created()
    {
        await using var production = new ProductionPortal(null).Started();

        await using var db = production.CreateDbContext();
        (await db.ApiAccounts.CountAsync()).ShouldBe(0);
        (await db.PublicSites.CountAsync()).ShouldBe(0);
    }

    private sealed class ProductionPortal(string? directory) : PortalFactory(directory)
    {
        protected override string EnvironmentName => "Production";
    }
}
