using System.Net;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>
/// Customers redeem appliance keys on the appliance, so the portal serves no public pages for its sites; the
/// appliance's default site is left to the appliance, which also knows its own host name best.
/// </summary>
public sealed class ApplianceSiteTests
{
    [Fact]
    public async Task With_no_configured_sites_and_the_appliance_on_the_portals_own_address_the_portal_pages_are_served()
    {
        await using var appliance = await FakeAppliance.StartAsync();
        await using var portal = await new AppliancePortal(appliance.Address, configureSites: false).ReadyAsync();
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://127.0.0.1") });

        var queue = await client.GetAsync("/queue");
        var front = await client.GetAsync("/");

        queue.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a portal page asks for sign-in, it is not a public site's 404");
        queue.Headers.Location!.ToString().ShouldContain("signin", Case.Insensitive);
        front.StatusCode.ShouldBe(HttpStatusCode.Redirect, "/ is the portal's start page, not a key entry page");
    }

    [Fact]
    public async Task With_no_configured_sites_a_key_request_leaves_the_site_to_the_appliance()
    {
        await using var appliance = await FakeAppliance.StartAsync();
        var sent = new List<IFormCollection>();
        appliance.OnGenerate = async context =>
        {
            sent.Add(await context.Request.ReadFormAsync());
            await appliance.SessionKey(context);
        };
        await using var portal = await new AppliancePortal(appliance.Address, configureSites: false).ReadyAsync();
        var api = await portal.ApiClientAsync();

        (await api.GenerateAsync()).ShouldBeSessionKey();

        sent.ShouldHaveSingleItem().ContainsKey("url_hostname").ShouldBeFalse();
    }

    [Fact]
    public async Task A_key_for_the_default_site_carries_no_url_hostname_and_a_key_for_another_site_carries_it()
    {
        await using var appliance = await FakeAppliance.StartAsync();
        var sent = new List<IFormCollection>();
        appliance.OnGenerate = async context =>
        {
            sent.Add(await context.Request.ReadFormAsync());
            await appliance.SessionKey(context);
        };
        await using var portal = await new AppliancePortal(appliance.Address, extra: new Dictionary<string, string?>
        {
            ["Appliance:PublicSites:2:Name"] = "Field",
            ["Appliance:PublicSites:2:Hostnames:0"] = "field.example.com",
        }).ReadyAsync();
        var api = await portal.ApiClientAsync();

        (await api.GenerateAsync()).ShouldBeSessionKey();
        (await api.GenerateAsync("queue_id=general&url_hostname=field.example.com")).ShouldBeSessionKey();
        (await api.GenerateAsync("queue_id=general&url_hostname=support.localhost")).ShouldBeSessionKey();

        sent.Count.ShouldBe(3);
        sent[0].ContainsKey("url_hostname").ShouldBeFalse();
        sent[1]["url_hostname"].ToString().ShouldBe("field.example.com");
        sent[2]["url_hostname"].ToString().ShouldBe("support.localhost");
    }

    [Theory]
    [InlineData("Authentication:PublicOrigins:0", "https://keys.example.com", "keys.example.com", "Authentication:PublicOrigins")]
    [InlineData("urls", "http://portal.example.com:5080", "portal.example.com", "urls")]
    public async Task A_configured_site_with_the_portals_own_hostname_stops_the_start_and_names_the_setting(
        string setting, string value, string hostname, string named)
    {
        await using var portal = new AppliancePortal(ClosedPort.Address(), extra: new Dictionary<string, string?>
        {
            [setting] = value,
            ["Appliance:PublicSites:1:Hostnames:1"] = hostname,
        });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain($"Appliance:PublicSites:1:Hostnames:1 '{hostname}' is the portal's own hostname (from {named}); a public site on it would hide the portal's pages.");
    }
}
