using System.Collections.Concurrent;
using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

/// <summary>
/// Two portals (each with its own writer, worker and HTTP client) on one SQLite file, both filling and draining the
/// outbox at once: the cursor moves only from where a pass read it and each delivery is claimed by one of them. The test
/// runs the passes itself, two per portal at a time (see <see cref="StepByStepPortal"/>).
/// </summary>
public sealed class WebhookTwoInstancesTests
{
    [Fact]
    public async Task Two_portals_on_one_database_queue_and_send_every_event_exactly_once()
    {
        await using var a = new StepByStepPortal();
        await using var b = new StepByStepPortal(a.Started().DataDirectory);
        b.Started();
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookDeliveryTests.CreateRecipientAsync(a, receiver, [WebhookEvents.KeyIssued]);
        var apis = new[] { await new CommandApiClient(a.CreateClient()).SignedInAsync(), await new CommandApiClient(b.CreateClient()).SignedInAsync() };
        var issued = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                issued.Add((await apis[client % 2].GenerateAsync("queue_id=team:1")).ShouldBeSessionKey().Element("short_key"));
            }
        })));
        for (var round = 0; round < 100 && receiver.Received.Count < 40; round++)
        {
            await Task.WhenAll(PassAsync(a), PassAsync(b), PassAsync(a), PassAsync(b));
            a.Clock.Advance(TimeSpan.FromSeconds(1));
            b.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        issued.Count.ShouldBe(40);
        receiver.Received.Count.ShouldBe(40);
        receiver.Received.Select(e => e.Id).Distinct().Count().ShouldBe(40);
        receiver.Requests.Count.ShouldBe(40);
        await using var db = a.CreateDbContext();
        (await db.WebhookDeliveries.CountAsync()).ShouldBe(40);
    }

    private static async Task PassAsync(PortalFactory portal)
    {
        await portal.Get<WebhookFanOut>().QueueAsync();
        await portal.Get<WebhookDispatcher>().DeliverDueAsync();
    }
}
