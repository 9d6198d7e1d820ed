using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

/// <summary>
/// Outbound events end to end: the real portal (public sites by Host header, a fake clock) posts to a real receiver on
/// loopback. Each test has a portal of its own, since the clock and the outbox are shared by everything in one. All but
/// the background worker's own test run the worker's steps themselves (<see cref="StepByStepPortal"/>).
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "shared-secret-of-the-ticketing-system";

    [Fact]
    public async Task A_key_redeemed_on_a_public_site_reaches_the_receiver_as_issued_then_redeemed_signed_with_the_shared_secret()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver);
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=team:1&url_hostname=remote.localhost&external_key=INC0042");
        var key = await portal.KeyAsync(shortKey);

        (await portal.Customer("support.localhost").EnterKeyAsync(shortKey, "Lee")).Heading.ShouldBe("You are in the queue");
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 2);

        var events = EventsOf(receiver, key);
        Assert.Equal(["com.blazorkeyportal.key.issued", "com.blazorkeyportal.key.redeemed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.True(WebhookSignature.Verify(e.Signature, Secret, e.Body, portal.Clock.GetUtcNow(), TimeSpan.FromMinutes(5))));
        Assert.All(events, e => Assert.Equal("application/cloudevents+json", e.ContentType));
        Assert.All(events, e => Assert.Equal(e.Id, e.WebhookId));
        Assert.All(events, e => Assert.DoesNotContain(key.AccessKey, e.Body, StringComparison.OrdinalIgnoreCase));
        var redeemed = events[1].Json.GetProperty("data");
        Assert.Equal("Support", redeemed.GetProperty("redeemed_site").GetString());
        Assert.Equal("Remote", redeemed.GetProperty("site").GetString());
        Assert.Equal("INC0042", redeemed.GetProperty("external_key").GetString());
        Assert.Equal("redeemed", redeemed.GetProperty("state").GetString());
        Assert.EndsWith("/", events[0].Json.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_keys_later_event_waits_until_its_earlier_one_was_taken_and_every_retry_has_the_same_event_id()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (n, _) => Task.FromResult(n <= 2 ? 503 : 200); // the first two attempts are refused
        await CreateRecipientAsync(portal, receiver);
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);
        await portal.Customer("support.localhost").EnterKeyAsync(shortKey, "Lee");

        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 2, step: TimeSpan.FromSeconds(10));

        var requests = receiver.Requests.Where(e => e.Subject == Id(key)).Select(e => (e.Type, e.Id)).ToList();
        var issuedId = requests[0].Id;
        Assert.Equal(
            [("com.blazorkeyportal.key.issued", issuedId), ("com.blazorkeyportal.key.issued", issuedId), ("com.blazorkeyportal.key.issued", issuedId),
             ("com.blazorkeyportal.key.redeemed", requests[3].Id)],
            requests);
        var log = await portal.Get<WebhookAdministration>().LogAsync(await RecipientIdAsync(portal));
        Assert.Equal([503, 503, 200, 200], log.Reverse().Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task Events_that_happen_while_the_receiver_is_down_for_30_seconds_arrive_in_order_after_it_returns()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver);
        await receiver.StopAsync();
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);
        await portal.Customer("support.localhost").EnterKeyAsync(shortKey, "Lee");

        for (var second = 0; second < 30; second += 5)
        {
            await PumpOnceAsync(portal);
            portal.Clock.Advance(TimeSpan.FromSeconds(5));
        }
        var failed = await portal.Get<WebhookAdministration>().LogAsync(await RecipientIdAsync(portal));
        await receiver.RestartAsync();
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 2, step: TimeSpan.FromSeconds(10));

        Assert.NotEmpty(failed);
        Assert.All(failed, a => Assert.Null(a.StatusCode));
        Assert.Equal(["com.blazorkeyportal.key.issued", "com.blazorkeyportal.key.redeemed"], EventsOf(receiver, key).Select(e => e.Type));
    }

    [Fact]
    public async Task A_key_left_unused_past_its_expiry_is_announced_once_as_expired()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver, [WebhookEvents.KeyIssued, WebhookEvents.KeyExpired]);
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=general&ttl=60");
        var key = await portal.KeyAsync(shortKey);
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 1);

        portal.Clock.Advance(TimeSpan.FromSeconds(61));
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 2);
        for (var i = 0; i < 3; i++)
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(1));
            await PumpOnceAsync(portal);
        }

        var events = EventsOf(receiver, key);
        Assert.Equal(["com.blazorkeyportal.key.issued", "com.blazorkeyportal.key.expired"], events.Select(e => e.Type));
        Assert.Equal($"expired-{Id(key)}", events[1].Id);
        Assert.Equal("expired", events[1].Json.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal(key.ExpiresAt, DateTimeOffset.Parse(events[1].Json.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_background_worker_delivers_on_its_own_as_the_clock_runs()
    {
        await using var portal = new PublicSitePortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver);
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);

        for (var i = 0; i < 200 && EventsOf(receiver, key).Count == 0; i++)
        {
            portal.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.Equal("com.blazorkeyportal.key.issued", Assert.Single(EventsOf(receiver, key)).Type);
    }

    [Fact]
    public async Task Two_passes_at_once_queue_each_event_once_and_two_senders_at_once_send_it_once()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver);
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);
        var fanOut = portal.Get<WebhookFanOut>();
        var dispatcher = portal.Get<WebhookDispatcher>();

        await Task.WhenAll(fanOut.QueueAsync(), fanOut.QueueAsync(), fanOut.QueueAsync());
        await Task.WhenAll(dispatcher.DeliverDueAsync(), dispatcher.DeliverDueAsync(), dispatcher.DeliverDueAsync());

        await using var db = portal.CreateDbContext();
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.KeyId == key.Id));
        Assert.Single(EventsOf(receiver, key));
    }

    [Fact]
    public async Task A_recipient_that_fails_for_a_day_is_paused_gets_nothing_while_paused_and_takes_the_waiting_events_when_resumed()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Answer = (_, _) => Task.FromResult(failing ? 500 : 200);
        await CreateRecipientAsync(portal, receiver);
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);
        var recipientId = await RecipientIdAsync(portal);

        for (var hour = 0; hour < 25; hour++)
        {
            await PumpOnceAsync(portal);
            portal.Clock.Advance(TimeSpan.FromHours(1));
        }
        await PumpOnceAsync(portal);
        var paused = await RecipientAsync(portal, recipientId);
        var attemptsWhenPaused = receiver.Requests.Count;
        portal.Clock.Advance(TimeSpan.FromHours(2));
        await PumpOnceAsync(portal);

        Assert.NotNull(paused.PausedAt);
        Assert.True(paused.PausedAt - paused.FailingSince >= TimeSpan.FromDays(1));
        Assert.True(Assert.Single(await portal.Get<WebhookAdministration>().ListAsync()).PausedForFailing);
        Assert.Equal(attemptsWhenPaused, receiver.Requests.Count);
        failing = false;
        (await portal.Get<WebhookAdministration>().ResumeAsync("user:admin", recipientId)).Succeeded.ShouldBeTrue();
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 1);
        var resumed = await RecipientAsync(portal, recipientId);
        Assert.Null(resumed.PausedAt);
        Assert.Null(resumed.FailingSince);
    }

    [Fact]
    public async Task A_recipient_an_administrator_pauses_gets_nothing_while_paused_and_takes_the_waiting_events_in_order_when_resumed()
    {
        await using var portal = new StepByStepPortal();
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateRecipientAsync(portal, receiver);
        var recipientId = await RecipientIdAsync(portal);
        var webhooks = portal.Get<WebhookAdministration>();

        (await webhooks.PauseAsync("user:admin", recipientId)).Succeeded.ShouldBeTrue();
        var pausedAgain = await webhooks.PauseAsync("user:admin", recipientId);
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var key = await portal.KeyAsync(shortKey);
        await portal.Customer("support.localhost").EnterKeyAsync(shortKey, "Lee");
        for (var hour = 0; hour < 3; hour++)
        {
            await PumpOnceAsync(portal);
            portal.Clock.Advance(TimeSpan.FromHours(1));
        }
        var requestsWhilePaused = receiver.Requests.Count;
        var listed = Assert.Single(await webhooks.ListAsync());
        (await webhooks.ResumeAsync("user:admin", recipientId)).Succeeded.ShouldBeTrue();
        await PumpUntilAsync(portal, () => EventsOf(receiver, key).Count >= 2);

        Assert.Equal(0, requestsWhilePaused);
        Assert.Equal("Deliveries to 'Ticketing' are already paused.", Assert.Single(pausedAgain.Errors).ErrorMessage);
        Assert.Equal(2, listed.Pending);
        Assert.False(listed.PausedForFailing);
        Assert.Equal(["com.blazorkeyportal.key.issued", "com.blazorkeyportal.key.redeemed"], EventsOf(receiver, key).Select(e => e.Type));
        Assert.Contains(await portal.AuditAsync(AuditActions.AdminChange), e => e.Details?.Contains("\"change\":\"paused\"", StringComparison.Ordinal) == true);
    }

    internal static async Task<WebhookRecipientForm> CreateRecipientAsync(PortalFactory portal, WebhookReceiver receiver, HashSet<string>? events = null)
    {
        var form = new WebhookRecipientForm
        {
            Name = "Ticketing", Url = receiver.Url, Secret = Secret, Events = events ?? [.. WebhookEvents.All],
        };
        var (result, generated) = await portal.Get<WebhookAdministration>().CreateAsync("user:admin", form);
        Assert.True(result.Succeeded, string.Join(' ', result.Errors.Select(e => e.ErrorMessage)));
        Assert.Null(generated);
        return form;
    }

    private static async Task<int> RecipientIdAsync(PortalFactory portal)
    {
        await using var db = portal.CreateDbContext();
        return await db.WebhookRecipients.Select(r => r.Id).SingleAsync();
    }

    private static async Task<WebhookRecipient> RecipientAsync(PortalFactory portal, int id)
    {
        await using var db = portal.CreateDbContext();
        return await db.WebhookRecipients.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static string Id(SessionKey key) => key.Id.ToString(CultureInfo.InvariantCulture);

    private static List<ReceivedEvent> EventsOf(WebhookReceiver receiver, SessionKey key) => receiver.Received.Where(e => e.Subject == Id(key)).ToList();

    private static async Task PumpOnceAsync(PortalFactory portal)
    {
        await portal.Get<WebhookFanOut>().QueueAsync();
        while (await portal.Get<WebhookDispatcher>().DeliverDueAsync() > 0)
        {
        }
    }

    /// <summary>Runs passes of the worker's two steps (as the worker does each interval) until <paramref name="done"/>, advancing the clock between them.</summary>
    private static async Task PumpUntilAsync(PortalFactory portal, Func<bool> done, TimeSpan? step = null)
    {
        for (var round = 0; round < 100 && !done(); round++)
        {
            await PumpOnceAsync(portal);
            if (done()) return;
            portal.Clock.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
        Assert.True(done(), "The receiver did not get the expected events.");
    }

}
