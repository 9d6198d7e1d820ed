using System.Net;
using System.Net.Sockets;
using BlazorKeyPortal.Features.Telemetry;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Telemetry;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task With_prometheus_on_metrics_answers_with_the_issued_keys_counter()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" });
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey();

        using var response = await portal.CreateClient().GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("blazorkeyportal_keys_issued");
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        await using var portal = new PortalFactory();

        using var response = await portal.CreateClient().GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task With_a_metrics_port_the_endpoint_answers_on_that_port_only()
    {
        var port = FreePort();
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Metrics:Prometheus"] = "true",
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var client = portal.CreateClient();

        using var onMainPort = await client.GetAsync("/metrics");
        using var onMetricsPort = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{port}/metrics"));

        onMainPort.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        onMetricsPort.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onMetricsPort.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    public async Task The_portal_refuses_to_start_with_a_bad_metrics_port_and_names_the_setting(string value)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true", ["Metrics:Port"] = value });

        var error = Should.Throw<OptionsValidationException>(() => portal.Started());

        error.Message.ShouldContain("Metrics:Port");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
