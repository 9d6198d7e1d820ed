using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// The one connection to Redis. It connects in the background and reconnects by itself (AbortOnConnectFail off);
/// while it is down, <see cref="Database"/> is null and every caller falls back to its own in-memory view at once
/// (commands fail fast rather than queue), and one warning is logged per outage.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;
    private int _outageReported;

    /// <summary>A random id per process: an instance ignores its own messages.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public string Prefix => options.Value.Prefix;

    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>The database while connected, else null (use the local view).</summary>
    public IDatabase? Database => IsConnected ? _multiplexer!.GetDatabase() : null;

    public ISubscriber? Subscriber => _multiplexer?.GetSubscriber();

    /// <summary>Raised when a connection to Redis has been (re-)established.</summary>
    public event Action? Restored;

    public async Task ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false;
        // A request must not wait for Redis to come back: a command without a connection fails at once.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
        configuration.ClientName ??= "blazorkeyportal";
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        _multiplexer.ConnectionFailed += (_, e) => ReportOutage(e.Exception);
        _multiplexer.ConnectionRestored += (_, _) =>
        {
            Restored?.Invoke();
            if (Interlocked.Exchange(ref _outageReported, 0) == 1) logger.LogWarning("Redis is reachable again: instances share presence, failure budgets and change notifications.");
        };
        if (!_multiplexer.IsConnected) ReportOutage(null);
    }

    /// <summary>Logs the outage once, however many requests run into it, until the connection is restored.</summary>
    public void ReportOutage(Exception? exception)
    {
        if (Interlocked.Exchange(ref _outageReported, 1) == 1) return;
        logger.LogWarning(exception, "Redis is unreachable: each instance uses its own presence, failure budgets and caches until it returns.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null) await _multiplexer.DisposeAsync();
    }
}
