using System.Net;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Administration.ApiAccounts;

/// <summary>The published demo secrets must never come back to life through the administration.</summary>
public sealed class ApiAccountAdministrationTests
{
    private const string Admin = "user:admin";

    [Fact]
    public async Task A_disabled_demo_account_cannot_be_enabled_again_and_its_published_secret_gets_no_token()
    {
        await using var portal = new PortalFactory().Started();
        var accounts = portal.Get<ApiAccountAdministration>();
        (await accounts.UpdateAsync(Admin, await FormAsync(portal, CommandApiClient.ReadOnly, enabled: false))).Succeeded.ShouldBeTrue();

        var result = await accounts.UpdateAsync(Admin, await FormAsync(portal, CommandApiClient.ReadOnly, enabled: true));

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe(
            "demo-read-only is a demo API account whose secret is published; it cannot be enabled. Create a new account instead.");
        await using (var db = portal.CreateDbContext())
        {
            (await db.ApiAccounts.SingleAsync(a => a.ClientId == CommandApiClient.ReadOnly)).IsEnabled.ShouldBeFalse();
        }
        var token = await new CommandApiClient(portal.CreateClient()).RequestTokenAsync(CommandApiClient.ReadOnly, "demo-read-secret");
        token.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_account_whose_secret_is_a_demo_secret_cannot_be_enabled_until_the_secret_is_regenerated()
    {
        await using var portal = new PortalFactory().Started();
        await portal.Get<ApiAccountProvisioner>().CreateAsync("system", "Ticketing", "ticketing", CommandPermission.FullAccess, "", "demo-full-secret");
        var accounts = portal.Get<ApiAccountAdministration>();
        (await accounts.UpdateAsync(Admin, await FormAsync(portal, "ticketing", enabled: false))).Succeeded.ShouldBeTrue();

        var refused = await accounts.UpdateAsync(Admin, await FormAsync(portal, "ticketing", enabled: true));
        await accounts.RegenerateSecretAsync(Admin, "ticketing");
        var enabled = await accounts.UpdateAsync(Admin, await FormAsync(portal, "ticketing", enabled: true));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe(
            "The secret of ticketing is one of the published demo secrets; regenerate the secret before enabling the account.");
        enabled.Succeeded.ShouldBeTrue();
    }

    private static async Task<ApiAccountForm> FormAsync(PortalFactory portal, string clientId, bool enabled)
    {
        await using var db = portal.CreateDbContext();
        var stored = await db.ApiAccounts.AsNoTracking().SingleAsync(a => a.ClientId == clientId);
        return new ApiAccountForm
        {
            Id = stored.Id, Name = stored.Name, ClientId = stored.ClientId, CommandPermission = stored.CommandPermission,
            AllowedNetworks = stored.AllowedNetworks, IsEnabled = enabled,
        };
    }
}
