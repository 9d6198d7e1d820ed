using System.Net;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.ApiAccounts;

public sealed class ApiAccountsPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Each_account_is_listed_with_permission_networks_and_its_actions()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<ApiAccountsPage>();

        var full = cut.Row("demo-full-access").TextContent;
        full.ShouldContain("Full access");
        full.ShouldContain("Any address");
        cut.Row("demo-read-only").Cell("Command permission").ShouldBe("Read only");
        cut.Button("Regenerate the secret of demo-deny").ShouldNotBeNull();
        cut.Button("Live tokens of demo-deny").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_new_account_shows_its_secret_once_with_a_copy_button_and_the_secret_works()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<ApiAccountsPage>();
        var dialog = admin.OpenDialog(cut.Button("New API account"), "Create API account");

        await dialog.Input("Name").ChangeAsync(new() { Value = "ServiceNow" });
        await dialog.Input("Client id").ChangeAsync(new() { Value = "servicenow" });
        await admin.PickAsync(dialog, "Command permission", "Full access");
        await dialog.Button("Create API account").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=shown-once]").TextContent.ShouldContain("you will not see it again"));
        var secret = dialog.Input("Client secret").GetAttribute("value")!;
        secret.Length.ShouldBe(43);
        await dialog.Button("Copy the secret").ClickAsync(new());
        admin.Context.JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments.ShouldBe([secret]);

        await dialog.Button("I have copied it").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Markup.ShouldNotContain(secret));
        cut.Markup.ShouldNotContain(secret);
        cut.WaitForAssertion(() => cut.Row("servicenow").Cell("Command permission").ShouldBe("Full access"));
        (await new CommandApiClient(portal.CreateClient()).RequestTokenAsync("servicenow", secret)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_network_that_is_not_cidr_is_refused_beside_the_networks()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<ApiAccountsPage>();
        var dialog = admin.OpenDialog(cut.Button("Edit API account demo-read-only"), "Save API account");

        dialog.Input("Client id").HasAttribute("readonly").ShouldBeTrue();
        await dialog.Input("Allowed networks").ChangeAsync(new() { Value = "10.20.0.0/16\n10.0.0.0/33" });

        dialog.WaitForAssertion(() => dialog.Field("Allowed networks").TextContent
            .ShouldContain("'10.0.0.0/33' is not a network in CIDR notation (for example 10.20.0.0/16 or 2001:db8::/32)."));
    }

    [Fact]
    public async Task Regenerating_a_secret_asks_first_then_shows_the_new_secret_once_and_the_old_one_stops_working()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<ApiAccountsPage>();

        var dialog = admin.OpenDialog(cut.Button("Regenerate the secret of demo-read-only"), "Regenerate secret");
        dialog.Markup.ShouldContain("every token the account holds stops working at once");
        await dialog.Button("Regenerate secret").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=shown-once]").ShouldNotBeNull());
        var secret = dialog.Input("Client secret").GetAttribute("value")!;
        var api = new CommandApiClient(ownPortal.CreateClient());
        (await api.RequestTokenAsync(CommandApiClient.ReadOnly, secret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.RequestTokenAsync(CommandApiClient.ReadOnly, CommandApiClient.ReadSecret)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cancelling_the_regeneration_keeps_the_secret()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        var cut = admin.Render<ApiAccountsPage>();

        var dialog = admin.OpenDialog(cut.Button("Regenerate the secret of demo-deny"), "Cancel");
        await dialog.Button("Cancel").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.FindAll(".mud-dialog").ShouldBeEmpty());
        (await new CommandApiClient(portal.CreateClient()).RequestTokenAsync(CommandApiClient.Deny, CommandApiClient.DenySecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_live_tokens_of_an_account_are_listed_with_their_age()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);
        await new CommandApiClient(portal.CreateClient()).TokenAsync();
        var tokenId = (await portal.Get<ApiAccountAdministration>().LiveTokensAsync(CommandApiClient.FullAccess))[0].Id;
        var cut = admin.Render<ApiAccountsPage>();

        var dialog = admin.OpenDialog(cut.Button("Live tokens of demo-full-access"), "Close");

        dialog.WaitForAssertion(() => dialog.FindAll("tbody tr").ShouldContain(r => r.TextContent.Contains(tokenId, StringComparison.Ordinal)));
        dialog.Find("thead").TextContent.ShouldContain("Age");
    }
}
