using System.Text.Json;
using BlazorKeyPortal.Features.Presence;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Presence across instances. Each instance writes the users of its own circuits into one Redis hash (field: its
/// instance id; value: the users and the instant the entry stops counting) on every change and on a heartbeat, and
/// reads the other instances' fields into <see cref="RepresentativePresence"/>. An instance that crashes stops
/// rewriting its field, so its representatives drop out once the entry's lifetime has passed. While Redis cannot be
/// reached, only this instance's own users count.
/// </summary>
public sealed class RemotePresence(
    RedisConnection connection,
    RepresentativePresence presence,
    IInstanceBus instances,
    IOptions<RedisOptions> options,
    TimeProvider time,
    ILogger<RemotePresence> logger) : BackgroundService
{
    private RedisKey Key => connection.Prefix + "presence";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        presence.ChangedHere += OnChangedHere;
        try
        {
            using var heartbeat = new PeriodicTimer(options.Value.PresenceHeartbeat, time);
            do
            {
                await WriteAsync();
                await RefreshAsync();
            }
            while (await heartbeat.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            presence.ChangedHere -= OnChangedHere;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop takes this instance's users off at once rather than after the entry's lifetime.
        if (connection.Database is { } database)
        {
            try
            {
                await database.HashDeleteAsync(Key, connection.InstanceId);
                instances.Publish(InstanceTopic.PresenceChanged);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException) { }
        }
    }

    /// <summary>Reads the other instances' users (after a change message and on every heartbeat).</summary>
    public async Task RefreshAsync()
    {
        if (connection.Database is not { } database)
        {
            presence.SetOtherInstances([]);
            return;
        }
        try
        {
            var now = time.GetUtcNow();
            var others = new List<PresentUser>();
            foreach (var entry in await database.HashGetAllAsync(Key))
            {
                if (entry.Name == connection.InstanceId) continue;
                var stored = JsonSerializer.Deserialize<StoredPresence>(entry.Value.ToString());
                if (stored is null || stored.CountsUntil <= now)
                {
                    await database.HashDeleteAsync(Key, entry.Name, CommandFlags.FireAndForget);
                    continue;
                }
                others.AddRange(stored.Users);
            }
            presence.SetOtherInstances(others);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            connection.ReportOutage(ex);
            presence.SetOtherInstances([]);
        }
    }

    private void OnChangedHere() => _ = WriteAndPublishAsync();

    private async Task WriteAndPublishAsync()
    {
        if (await WriteAsync()) instances.Publish(InstanceTopic.PresenceChanged);
    }

    private async Task<bool> WriteAsync()
    {
        if (connection.Database is not { } database) return false;
        try
        {
            var stored = new StoredPresence(time.GetUtcNow() + options.Value.PresenceLifetime, presence.UsersHere());
            await database.HashSetAsync(Key, connection.InstanceId, JsonSerializer.Serialize(stored));
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            connection.ReportOutage(ex);
            return false;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Writing this instance's presence to Redis failed.");
            return false;
        }
    }

    private sealed record StoredPresence(DateTimeOffset CountsUntil, IReadOnlyList<PresentUser> Users);
}
