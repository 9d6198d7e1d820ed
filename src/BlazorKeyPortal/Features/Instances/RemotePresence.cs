using System.Text.Json;
using BlazorKeyPortal.Features.Presence;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Presence across instances. Each instance writes the users of its own circuits into one Redis hash (field: its
/// instance id; value: the users and the instant the entry stops counting) on every change and on a heartbeat, and
/// reads the other instances' fields into <see cref="RepresentativePresence"/>. An instance that crashes stops
/// rewriting its field, so its representatives drop out once the entry's lifetime has passed: each read also sets a
/// timer for the moment the soonest entry expires, so they drop out then rather than at this instance's next
/// heartbeat (which could add a whole heartbeat to the lifetime). While Redis cannot be reached, only this instance's
/// own users count.
/// </summary>
public sealed class RemotePresence(
    RedisConnection connection,
    RepresentativePresence presence,
    IInstanceBus instances,
    IOptions<RedisOptions> options,
    TimeProvider time,
    ILogger<RemotePresence> logger) : BackgroundService
{
    private readonly Lock _expiryGate = new();
    private ITimer? _expiryTimer;

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
            lock (_expiryGate)
            {
                _expiryTimer?.Dispose();
                _expiryTimer = null;
            }
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
            DateTimeOffset? soonestExpiry = null;
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
                if (stored.Users.Count > 0 && (soonestExpiry is null || stored.CountsUntil < soonestExpiry)) soonestExpiry = stored.CountsUntil;
            }
            presence.SetOtherInstances(others);
            RefreshAt(soonestExpiry, now);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            connection.ReportOutage(ex);
            presence.SetOtherInstances([]);
        }
    }

    /// <summary>Reads again just after <paramref name="expiry"/>; a live instance will have rewritten its entry by then.</summary>
    private void RefreshAt(DateTimeOffset? expiry, DateTimeOffset now)
    {
        lock (_expiryGate)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = expiry is { } at
                ? time.CreateTimer(_ => _ = RefreshAsync(), null, at - now + TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan)
                : null;
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
