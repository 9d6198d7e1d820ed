using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.ReverseProxy;

/// <summary>Key URLs are built from the portal's configured or bound address, never from what a client writes in Host.</summary>
public sealed class PublicOriginTests
{
    [Fact]
    public async Task A_forged_Host_header_on_the_command_API_does_not_change_the_port_of_a_key_url()
    {
        await using var portal = new LoopbackPortal();
        var api = await new CommandApiClient(portal.ClientFrom("127.0.0.1")).SignedInAsync();
        api.Http.DefaultRequestHeaders.Host = "evil.example:6666";

        var keyUrl = new Uri((await api.GenerateAsync()).ShouldBeSessionKey().Element("key_url"));

        keyUrl.Host.ShouldBe("support.localhost");
        keyUrl.Port.ShouldBe(portal.Port);
    }

    [Fact]
    public async Task Key_urls_of_localhost_sites_take_the_scheme_and_port_of_the_configured_public_origin()
    {
        await using var portal = new LoopbackPortal(new Dictionary<string, string?> { ["Portal:PublicOrigin"] = "https://localhost:8443/keys" });
        var api = await new CommandApiClient(portal.ClientFrom("127.0.0.1")).SignedInAsync();

        var keyUrl = (await api.GenerateAsync()).ShouldBeSessionKey().Element("key_url");

        keyUrl.ShouldStartWith("https://support.localhost:8443/?ak=");
    }

    [Theory]
    [InlineData("Portal:PublicOrigin", "intranet.example.com/keys")]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.0.300")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("ReverseProxy:PathBase", "keys/")]
    public async Task The_host_refuses_a_bad_reverse_proxy_setting_and_names_it(string setting, string value)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { [setting] = value });

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain(setting.Replace(":0", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_Development_the_host_refuses_to_start_without_a_public_origin()
    {
        await using var portal = new ProductionPortal();

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain("Portal:PublicOrigin is required outside Development");
    }

    private sealed class ProductionPortal : PortalFactory
    {
        protected override string EnvironmentName => "Production";
    }
}
