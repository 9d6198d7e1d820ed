using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.E2E.Features.Instances;

/// <summary>
/// Two instances on one SQLite file and one Redis, as behind a load balancer: A is the portal in this process, B a
/// separate portal process (so it can crash). Agents watch and switch in Chromium on either.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class TwoInstancesTests(PortalBrowser browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task The_Away_switch_on_instance_A_reaches_the_Generate_page_on_instance_B_within_a_second()
    {
        // Arrange: agent watches rep 2's queue on B; agent2 signs in on A
        await using var two = await TwoInstances.StartAsync();
        var watcher = await browser.NewPageAsync(baseAddress: two.B.Address);
        await using var closeWatcher = new ClosingContext(watcher);
        await new SignInPage(watcher).OpenAsync("/keys/new?queue_id=rep:2");
        await new SignInPage(watcher).SignInAsync("agent");
        var indicator = new GeneratePage(watcher).Availability;
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "false");
        var rep = await browser.NewPageAsync(baseAddress: two.A.BaseAddress);
        await using var closeRep = new ClosingContext(rep);
        await new SignInPage(rep).OpenAsync("/keys/new");
        await new SignInPage(rep).SignInAsync("agent2");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "true", WithinASecond);

        // Act + Assert: agent2 switches to Away on A, then back to Available
        var layout = new PortalLayout(rep);
        await layout.AvailabilitySwitch.ClickAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "false", WithinASecond);
        await layout.AvailabilitySwitch.ClickAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "true", WithinASecond);
    }

    [Fact]
    public async Task The_representatives_of_an_instance_that_crashes_drop_out_of_the_other_instances_availability_within_30_seconds()
    {
        // Arrange: agent watches rep 2's queue on A; agent2 works on B
        await using var two = await TwoInstances.StartAsync();
        var watcher = await browser.NewPageAsync(baseAddress: two.A.BaseAddress);
        await using var closeWatcher = new ClosingContext(watcher);
        await new SignInPage(watcher).OpenAsync("/keys/new?queue_id=rep:2");
        await new SignInPage(watcher).SignInAsync("agent");
        var indicator = new GeneratePage(watcher).Availability;
        var rep = await browser.NewPageAsync(baseAddress: two.B.Address);
        await using var closeRep = new ClosingContext(rep);
        await new SignInPage(rep).OpenAsync("/keys/new");
        await new SignInPage(rep).SignInAsync("agent2");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "true", WithinASecond);

        // Act: B dies without a goodbye (its Redis entry stays behind)
        two.B.KillHard();

        // Assert
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "false", new() { Timeout = 30_000 });
    }

    private sealed class TwoInstances : IAsyncDisposable
    {
        private TwoInstances(RedisServer redis, KestrelPortal a, PortalProcess b) => (Redis, A, B) = (redis, a, b);

        public RedisServer Redis { get; }
        public KestrelPortal A { get; }
        public PortalProcess B { get; }

        public static async Task<TwoInstances> StartAsync()
        {
            var redis = await RedisServer.StartAsync();
            var a = new KestrelPortal(new Dictionary<string, string?> { ["Redis:Configuration"] = redis.Configuration });
            a.Start();
            var b = await PortalProcess.StartAsync(Path.GetDirectoryName(a.DatabasePath)!, settings: new Dictionary<string, string> { ["Redis:Configuration"] = redis.Configuration });
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
