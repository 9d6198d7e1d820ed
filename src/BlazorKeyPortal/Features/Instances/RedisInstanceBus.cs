using StackExchange.Redis;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Change notifications over Redis pub/sub, one channel per topic (<c>{prefix}CatalogChanged</c>, …). Each message
/// carries the sender's instance id so that the sender ignores its own. Fire and forget: a lost message costs a
/// moment of staleness on another instance, never a failed request here.
/// </summary>
public sealed class RedisInstanceBus(RedisConnection connection) : IInstanceBus
{
    public void Publish(InstanceTopic topic, string payload = "")
    {
        if (!connection.IsConnected) return;
        try
        {
            connection.Subscriber!.Publish(Channel(connection, topic), $"{connection.InstanceId}|{payload}", CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            connection.ReportOutage(ex);
        }
    }

    public static RedisChannel Channel(RedisConnection connection, InstanceTopic topic) => RedisChannel.Literal(connection.Prefix + topic);
}
