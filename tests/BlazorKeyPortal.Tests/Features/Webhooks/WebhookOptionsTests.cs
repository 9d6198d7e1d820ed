using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

public sealed class WebhookOptionsTests
{
    [Theory]
    [InlineData("Webhooks:AttemptTimeout", "00:00:00", "Webhooks:AttemptTimeout must be between")]
    [InlineData("Webhooks:PauseAfter", "00:00:10", "Webhooks:PauseAfter must be at least 00:01:00.")]
    [InlineData("Webhooks:FirstRetryDelay", "02:00:00", "Webhooks:FirstRetryDelay must be positive and at most Webhooks:MaxRetryDelay.")]
    [InlineData("Webhooks:MaxParallelDeliveries", "0", "Webhooks:MaxParallelDeliveries must be between 1 and 64.")]
    public async Task The_host_refuses_a_bad_webhook_setting_and_names_it(string setting, string value, string message)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { [setting] = value });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain(message);
    }

    [Fact]
    public void The_wait_between_attempts_doubles_from_the_first_delay_up_to_the_longest()
    {
        var options = new WebhookOptions();

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600],
            Enumerable.Range(1, 11).Select(n => (int)WebhookDispatcher.RetryDelay(n, options).TotalSeconds));
    }
}
