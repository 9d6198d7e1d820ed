using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

/// <summary>One attempt against a real receiver on loopback, through the portal's own HTTP client registration.</summary>
public sealed class WebhookSenderTests
{
    private const string Secret = "a-receivers-secret-of-enough-length";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private WebhookSender Sender(TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookSender.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(WebhookSender.CreateHandler);
        var clients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new WebhookSender(clients, Options.Create(new WebhookOptions { AttemptTimeout = timeout ?? TimeSpan.FromSeconds(10) }), _clock);
    }

    [Fact]
    public async Task An_event_arrives_as_a_cloudevent_with_a_signature_the_receiver_verifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var outcome = await Sender().SendAsync(receiver.Url, Secret, "audit-7", "{\"id\":\"audit-7\"}", CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(200, outcome.StatusCode);
        var received = Assert.Single(receiver.Received);
        Assert.Equal("application/cloudevents+json", received.ContentType);
        Assert.Equal("audit-7", received.WebhookId);
        Assert.Equal($"t={_clock.GetUtcNow().ToUnixTimeSeconds()},", received.Signature![..13]);
        Assert.True(WebhookSignature.Verify(received.Signature, Secret, received.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => Task.FromResult(307);

        var outcome = await Sender().SendAsync(receiver.Url, Secret, "audit-8", "{}", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(307, outcome.StatusCode);
        Assert.Equal("Redirect to /elsewhere not followed.", outcome.Error);
        Assert.Empty(receiver.OtherRequests);
    }

    [Fact]
    public async Task An_answer_that_takes_longer_than_the_attempt_timeout_is_a_failure_without_a_status_code()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        var arrived = new TaskCompletionSource();
        receiver.Answer = async (_, _) =>
        {
            arrived.TrySetResult();
            await release.Task;
            return 200;
        };

        var attempt = Sender(TimeSpan.FromSeconds(10)).SendAsync(receiver.Url, Secret, "audit-9", "{}", CancellationToken.None);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var outcome = await attempt.WaitAsync(TimeSpan.FromSeconds(10));
        release.TrySetResult();

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.StatusCode);
        Assert.Equal("No answer within 10 s.", outcome.Error);
    }

    [Fact]
    public async Task A_refused_connection_is_a_failure_without_a_status_code()
    {
        var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();

        var outcome = await Sender().SendAsync(receiver.Url, Secret, "audit-10", "{}", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.StatusCode);
        Assert.NotNull(outcome.Error);
    }
}
