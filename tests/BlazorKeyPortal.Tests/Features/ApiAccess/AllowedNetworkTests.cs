using System.Net;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.ApiAccess;

public sealed class AllowedNetworkTests
{
    [Fact]
    public async Task An_account_limited_to_networks_gets_no_token_from_elsewhere()
    {
        await using var portal = new PortalFactory().Started();
        await LimitFullAccessToAsync(portal, "10.20.0.0/16");

        // The test server's client has no address, so it is outside every network.
        var response = await new CommandApiClient(portal.CreateClient()).RequestTokenAsync(CommandApiClient.FullAccess, CommandApiClient.FullSecret);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("may not be used from");
    }

    [Fact]
    public async Task A_token_already_issued_stops_working_when_the_account_is_limited_to_other_networks()
    {
        await using var portal = new PortalFactory().Started();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        await LimitFullAccessToAsync(portal, "10.20.0.0/16\n192.168.7.0/24");

        (await api.GenerateAsync()).Error.ShouldStartWith("API account 'demo-full-access' may not be used from");
    }

    private static async Task LimitFullAccessToAsync(PortalFactory portal, string networks)
    {
        await using (var db = portal.CreateDbContext())
        {
            await db.ApiAccounts.Where(a => a.ClientId == CommandApiClient.FullAccess)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AllowedNetworks, networks));
        }
        await portal.RefreshCatalogAsync();
    }
}
