using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SupportQueue;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Instances;

/// <summary>
/// Two instances on one SQLite file and one Redis: A runs in the test (so a test can act on its services as an
/// administrator's save or an agent's circuit does), B is a separate portal process reached only over HTTP.
/// </summary>
public sealed class RedisBetweenInstancesTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_secret_regenerated_on_one_instance_makes_its_old_tokens_fail_on_the_other_within_one_second()
    {
        await using var two = await TwoInstances.StartAsync();
        var b = await ApiAsync(two.B.Address);
        (await b.GenerateAsync("queue_id=team:1")).IsError.ShouldBeFalse();

        await two.A.Get<ApiAccountProvisioner>().RegenerateSecretAsync("admin", CommandApiClient.FullAccess);

        (await WithinAsync(OneSecond, async () => (await b.Http.GetAsync("/api/command?action=get_api_info")).StatusCode == HttpStatusCode.Unauthorized))
            .ShouldBeTrue("B still accepted a token revoked on A.");
    }

    [Fact]
    public async Task A_configuration_change_on_one_instance_applies_to_the_other_instances_next_key()
    {
        await using var two = await TwoInstances.StartAsync();
        var b = await ApiAsync(two.B.Address);
        (await b.GenerateAsync("queue_id=team:1")).IsError.ShouldBeFalse();

        await using (var db = two.A.CreateDbContext())
        {
            await db.ApiAccounts.Where(a => a.ClientId == CommandApiClient.FullAccess).ExecuteUpdateAsync(s => s.SetProperty(a => a.AllowedNetworks, "10.20.0.0/16"));
        }
        await two.A.RefreshCatalogAsync();

        (await WithinAsync(OneSecond, async () => (await b.GenerateAsync("queue_id=team:1")) is { IsError: true } reply && reply.Error.StartsWith("API account 'demo-full-access' may not be used from", StringComparison.Ordinal)))
            .ShouldBeTrue("B still issued a key under the old rule.");
    }

    [Fact]
    public async Task A_site_rule_saved_on_one_instance_applies_to_the_other_instances_next_key()
    {
        await using var two = await TwoInstances.StartAsync();
        var b = await ApiAsync(two.B.Address);
        (await b.GenerateAsync("queue_id=general&url_hostname=remote.localhost")).IsError.ShouldBeFalse();
        var remote = SiteForm.From((await two.A.Get<PortalCatalog>().GetAsync()).SiteById[2]);
        remote.ExternalKeyRequired = true;

        (await two.A.Get<SiteAdministration>().SaveAsync("user:admin", remote)).Succeeded.ShouldBeTrue();

        (await WithinAsync(OneSecond, async () => (await b.GenerateAsync("queue_id=general&url_hostname=remote.localhost")) is { IsError: true } reply && reply.Error == "external_key is required for keys on site 'Remote'"))
            .ShouldBeTrue("B still issued a key without the external key that site 'Remote' now requires.");
    }

    [Fact]
    public async Task Ten_failed_redemptions_from_one_address_spread_over_two_instances_meet_a_429_on_either()
    {
        await using var two = await TwoInstances.StartAsync();
        using var a = two.A.ClientFrom("127.0.0.1");
        using var b = new HttpClient { BaseAddress = two.B.Address };
        for (var guess = 0; guess < 10; guess++)
        {
            var response = await (guess % 2 == 0 ? a : b).GetAsync("/api/start_session?short_key=ZZZZZZZ");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"guess {guess + 1}");
        }

        (await a.GetAsync("/api/start_session?short_key=ZZZZZZZ")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await b.GetAsync("/api/start_session?short_key=ZZZZZZZ")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_agent_on_one_instance_is_listed_by_get_logged_in_reps_on_the_other_until_they_switch_to_Away()
    {
        await using var two = await TwoInstances.StartAsync();
        var b = await ApiAsync(two.B.Address);
        var presence = two.A.Get<RepresentativePresence>();

        presence.Connect("circuit-on-a", "agent");
        (await WithinAsync(OneSecond, async () => (await LoggedInRepIdsAsync(b)).Contains("1"))).ShouldBeTrue("B does not list the agent present on A.");

        presence.SetAvailable("agent", false);
        (await WithinAsync(OneSecond, async () => !(await LoggedInRepIdsAsync(b)).Contains("1"))).ShouldBeTrue("B still lists the agent who switched to Away on A.");
    }

    [Fact]
    public async Task A_customer_waiting_via_one_instance_reaches_the_queue_pages_of_the_other_within_one_second()
    {
        await using var two = await TwoInstances.StartAsync();
        var b = await ApiAsync(two.B.Address);
        var heard = new TaskCompletionSource<QueueChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        two.A.Get<SupportQueueNotifier>().Changed += change => heard.TrySetResult(change);
        var shortKey = (await b.GenerateAsync("queue_id=team:1")).Element("short_key");

        using var customer = new HttpClient { BaseAddress = two.B.Address };
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/start_session?short_key={shortKey}");
        request.Headers.Host = "support.localhost";
        var reply = await CommandResult.ReadAsync(await customer.SendAsync(request));
        reply.IsError.ShouldBeFalse(reply.Body);

        (await Task.WhenAny(heard.Task, Task.Delay(OneSecond))).ShouldBe(heard.Task, "A's queue pages did not hear of the customer waiting via B within a second of B's answer.");
    }

    [Fact]
    public async Task With_Redis_stopped_keys_are_issued_and_redeemed_without_a_5xx_and_ready_reports_Degraded_until_it_returns()
    {
        await using var two = await TwoInstances.StartAsync();
        var apis = new[] { await ApiAsync(two.AAddress), await ApiAsync(two.B.Address) };
        two.Redis.Stop();

        foreach (var api in apis)
        {
            var key = await api.GenerateAsync("queue_id=team:1");
            key.Status.ShouldBe(HttpStatusCode.OK);
            key.IsError.ShouldBeFalse(key.Body);
            var redeemed = await api.Http.GetAsync($"/api/start_session?short_key={key.Element("short_key")}");
            ((int)redeemed.StatusCode).ShouldBeLessThan(500);
            var guessed = await api.Http.GetAsync("/api/start_session?short_key=ZZZZZZZ");
            ((int)guessed.StatusCode).ShouldBeLessThan(500);
            (await ReadyAsync(api.Http)).ShouldBe((HttpStatusCode.OK, "Degraded"));
        }

        await two.Redis.StartAgainAsync();
        foreach (var api in apis)
        {
            (await WithinAsync(TimeSpan.FromSeconds(30), async () => await ReadyAsync(api.Http) == (HttpStatusCode.OK, "Healthy")))
                .ShouldBeTrue("ready did not recover after Redis returned.");
        }
    }

    private static async Task<(HttpStatusCode, string)> ReadyAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<CommandApiClient> ApiAsync(Uri address)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());
        return new CommandApiClient(http);
    }

    private static async Task<IReadOnlyList<string>> LoggedInRepIdsAsync(CommandApiClient api) =>
        (await api.GetAsync("action=get_logged_in_reps")).Xml.Root!.Elements(CommandApiClient.Ns + "rep").Select(r => r.Attribute("id")!.Value).ToList();

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> has passed.</summary>
    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var elapsed = Stopwatch.StartNew();
        do
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        while (elapsed.Elapsed < limit);
        return await condition();
    }

    private sealed class TwoInstances : IAsyncDisposable
    {
        private TwoInstances(RedisServer redis, LoopbackPortal a, PortalProcess b) => (Redis, A, B) = (redis, a, b);

        public RedisServer Redis { get; }
        public LoopbackPortal A { get; }
        public PortalProcess B { get; }
        public Uri AAddress => new($"http://127.0.0.1:{A.Port}");

        public static async Task<TwoInstances> StartAsync()
        {
            var redis = await RedisServer.StartAsync();
            var a = new LoopbackPortal(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
            _ = a.Port;
            var b = await PortalProcess.StartAsync(a.DataDirectory, settings: new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration });
            return new TwoInstances(redis, a, b);
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            Redis.Dispose();
        }
    }
}
