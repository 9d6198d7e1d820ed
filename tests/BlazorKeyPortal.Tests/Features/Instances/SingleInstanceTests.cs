using BlazorKeyPortal.Features.Instances;
using BlazorKeyPortal.Features.Throttling;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Instances;

public sealed class SingleInstanceTests
{
    [Fact]
    public async Task Without_Redis_configured_no_Redis_service_is_registered_and_notifications_go_nowhere()
    {
        await using var portal = new PortalFactory().Started();

        portal.Services.GetService(typeof(RedisConnection)).ShouldBeNull();
        portal.Services.GetService(typeof(IBudgetStore)).ShouldBeNull();
        portal.Get<IInstanceBus>().ShouldBeOfType<SingleInstanceBus>();
    }

    [Fact]
    public async Task A_portal_whose_Redis_is_unreachable_at_start_starts_issues_keys_and_reports_Degraded()
    {
        var directory = Directory.CreateTempSubdirectory("bkp-noredis-").FullName;
        try
        {
            await using (var portal = await PortalProcess.StartAsync(directory, settings: new Dictionary<string, string> { ["Redis:Configuration"] = $"127.0.0.1:{UnusedPort()}" }))
            {
                using var http = new HttpClient { BaseAddress = portal.Address };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());

                (await new CommandApiClient(http).GenerateAsync("queue_id=team:1")).IsError.ShouldBeFalse();
                var ready = await http.GetAsync("/health/ready");
                ready.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await ready.Content.ReadAsStringAsync()).ShouldBe("Degraded");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_portal_refuses_a_presence_lifetime_no_longer_than_the_heartbeat_and_names_both_settings()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = $"127.0.0.1:{UnusedPort()}",
            ["Redis:PresenceHeartbeat"] = "00:00:10",
            ["Redis:PresenceLifetime"] = "00:00:10",
        });

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => portal.Started());

        error.Message.ShouldBe("Redis:PresenceLifetime must be longer than Redis:PresenceHeartbeat.");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
