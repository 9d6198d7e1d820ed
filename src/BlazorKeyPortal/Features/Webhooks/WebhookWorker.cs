using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Writing;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// Every <see cref="WebhookOptions.PollInterval"/>: fills the outbox from the audit trail and expired keys, then sends
/// what is due; once an hour it deletes old log rows. Every process runs it; the cursor and the leases keep them apart.
/// </summary>
internal sealed class WebhookWorker(
    DatabaseWriter writer,
    WebhookFanOut fanOut,
    WebhookDispatcher dispatcher,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PrunePeriod = TimeSpan.FromHours(1);
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await writer.Ready.WaitAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return; // the writer reported why it could not start; nothing can be queued or recorded without it
        }
        await PeriodicWork.RunAsync(time, options.Value.PollInterval, PassAsync,
            ex => logger.LogWarning(ex, "A webhook pass failed; the next one tries again."), stoppingToken, runFirst: true);
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await fanOut.QueueAsync(cancellationToken);
        // Sends until nothing is due, so a backlog drains at the receivers' pace rather than a batch per interval.
        while (await dispatcher.DeliverDueAsync(cancellationToken) > 0)
        {
        }
        var now = time.GetUtcNow();
        if (now >= _nextPrune)
        {
            _nextPrune = now + PrunePeriod;
            await dispatcher.PruneAsync(cancellationToken);
        }
    }
}
