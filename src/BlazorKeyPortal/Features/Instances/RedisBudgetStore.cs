using BlazorKeyPortal.Features.Throttling;
using StackExchange.Redis;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Failure budgets in Redis, so that failures on any instance count against one bucket. The bucket is the same GCRA
/// "full at" instant as <see cref="FailureBudget"/>'s, in Unix milliseconds, moved by one Lua script so that reading
/// and moving it is one atomic step across instances; the key expires when the bucket is full again. Time comes from
/// the calling instance (instances' clocks are assumed to agree to well under one refill interval).
/// </summary>
public sealed class RedisBudgetStore(RedisConnection connection) : IBudgetStore
{
    private const string Script = """
        local now = tonumber(ARGV[2])
        local interval = tonumber(ARGV[3])
        local window = tonumber(ARGV[4])
        local fullAt = tonumber(redis.call('GET', KEYS[1]) or '0')
        if ARGV[1] == 'Refund' then
          local refunded = fullAt - interval
          if refunded <= now then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], refunded, 'PX', refunded - now) end
          return -1
        end
        local wait = fullAt - now - (window - interval)
        if ARGV[1] == 'Peek' or (ARGV[1] == 'Take' and wait > 0) then
          if wait > 0 then return wait end
          return -1
        end
        local spent = math.max(fullAt, now) + interval
        if spent > now + window then spent = now + window end
        redis.call('SET', KEYS[1], spent, 'PX', math.max(1, spent - now))
        return -1
        """;

    public BudgetReply? Apply(string key, BudgetStep operation, DateTimeOffset now, TimeSpan interval, TimeSpan window) =>
        Run(database =>
        {
            var waitMs = (long)database.ScriptEvaluate(Script, [Key(key)],
                [operation.ToString(), now.ToUnixTimeMilliseconds(), (long)Math.Ceiling(interval.TotalMilliseconds), (long)window.TotalMilliseconds]);
            return (BudgetReply?)new BudgetReply(waitMs > 0 ? TimeSpan.FromMilliseconds(waitMs) : null);
        });

    public bool? HasRecord(string key) => Run(database => (bool?)database.KeyExists(Key(key)));

    public bool SetRecord(string key, TimeSpan lifetime) => Run(database => (bool?)database.StringSet(Key(key), 1, lifetime)) is not null;

    public bool RemoveRecord(string key) => Run(database => (bool?)database.KeyDelete(Key(key))) is not null;

    private RedisKey Key(string key) => connection.Prefix + "budget:" + key;

    private T? Run<T>(Func<IDatabase, T?> command) where T : struct
    {
        if (connection.Database is not { } database) return null;
        try
        {
            return command(database);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            connection.ReportOutage(ex);
            return null;
        }
    }
}
