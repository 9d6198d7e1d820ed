using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SupportQueue;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Connects to Redis at start and applies the other instances' changes here, each through the feature's local-only
/// path, so that a received change is never published again.
/// </summary>
public sealed class InstanceChangeListener(
    RedisConnection connection,
    PortalCatalog catalog,
    ApiTokenCache tokens,
    SupportQueueNotifier queue,
    RemotePresence presence,
    ILogger<InstanceChangeListener> logger) : IHostedService
{
    private int _subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connection.ConnectAsync();
        // Redis down at start must not keep the portal from starting: subscribe once it answers. The connection
        // restores subscriptions by itself after later outages.
        connection.Restored += () => _ = SubscribeAsync();
        await SubscribeAsync();
    }

    private async Task SubscribeAsync()
    {
        if (!connection.IsConnected || Interlocked.Exchange(ref _subscribed, 1) == 1) return;
        try
        {
            foreach (var topic in Enum.GetValues<InstanceTopic>())
            {
                await connection.Subscriber!.SubscribeAsync(RedisInstanceBus.Channel(connection, topic), (_, message) => Receive(topic, message.ToString()));
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            Volatile.Write(ref _subscribed, 0);
            connection.ReportOutage(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Receive(InstanceTopic topic, string message)
    {
        var separator = message.IndexOf('|', StringComparison.Ordinal);
        if (separator < 0 || message.AsSpan(0, separator).SequenceEqual(connection.InstanceId)) return;
        var payload = message[(separator + 1)..];
        switch (topic)
        {
            case InstanceTopic.CatalogChanged:
                _ = ReloadCatalogAsync();
                break;
            case InstanceTopic.ApiAccountChanged:
                tokens.ForgetHere(payload);
                break;
            case InstanceTopic.QueueChanged when QueueChangeOf(payload) is { } change:
                queue.NotifyHere(change);
                break;
            case InstanceTopic.PresenceChanged:
                _ = presence.RefreshAsync();
                break;
        }
    }

    private async Task ReloadCatalogAsync()
    {
        try
        {
            await catalog.ReloadAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Reloading the configuration after another instance's change failed; it is reloaded on the next change.");
        }
    }

    private static QueueChange? QueueChangeOf(string payload)
    {
        var parts = payload.Split(':');
        return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id)
            && Enum.TryParse<SupportSessionStatus>(parts[1], out var status) ? new QueueChange(id, status) : null;
    }
}
