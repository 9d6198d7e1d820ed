using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// The budgets of failed redemption attempts: one per client address for every kind of key, and one shared by
/// all addresses for short keys, the only guessable secret (a key URL carries 128 random bits, so its failures
/// need not close the door for everyone). Each budget is a token bucket kept as the instant it will be full
/// again (GCRA), read and moved under one lock, with time from <see cref="TimeProvider"/>.
/// </summary>
public sealed class FailedAttemptLimits(IOptions<FailedRedemptionOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _addressFullAt = new(StringComparer.Ordinal);
    private DateTimeOffset _globalFullAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// Null when <paramref name="client"/> may make an attempt now; otherwise how long to wait until a failure
    /// more is allowed again. <paramref name="shortKey"/> attempts also need room in the global budget.
    /// </summary>
    public TimeSpan? RetryAfter(ClientAddress client, bool shortKey)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        lock (_gate)
        {
            var wait = _addressFullAt.TryGetValue(client.Partition, out var fullAt) ? Wait(fullAt, now, o.PerAddressLimit, o.PerAddressWindow) : null;
            if (shortKey && Wait(_globalFullAt, now, o.GlobalLimit, o.GlobalWindow) is { } globalWait && (wait is null || globalWait > wait))
            {
                wait = globalWait;
            }
            return wait;
        }
    }

    /// <summary>Spends one failure from the client's budget and, for short keys, from the global one.</summary>
    public void RecordFailure(ClientAddress client, bool shortKey)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        lock (_gate)
        {
            SweepFullBuckets(now, o);
            _addressFullAt[client.Partition] = Spend(_addressFullAt.GetValueOrDefault(client.Partition, DateTimeOffset.MinValue), now, o.PerAddressLimit, o.PerAddressWindow);
            if (shortKey) _globalFullAt = Spend(_globalFullAt, now, o.GlobalLimit, o.GlobalWindow);
        }
    }

    /// <summary>How many addresses currently have failures counted against them.</summary>
    public int TrackedAddresses
    {
        get { lock (_gate) return _addressFullAt.Count; }
    }

    // A bucket is "full" (no failures counted) from fullAt on. Each failure pushes fullAt one interval further;
    // a new failure is allowed while fullAt lies at most (window - interval) ahead, i.e. fewer than `limit` are counted.
    private static TimeSpan? Wait(DateTimeOffset fullAt, DateTimeOffset now, int limit, TimeSpan window)
    {
        var interval = window / limit;
        var ahead = fullAt - now;
        var excess = ahead - (window - interval);
        return excess > TimeSpan.Zero ? excess : null;
    }

    private static DateTimeOffset Spend(DateTimeOffset fullAt, DateTimeOffset now, int limit, TimeSpan window) =>
        (fullAt > now ? fullAt : now) + window / limit;

    /// <summary>Forgets addresses whose budget has refilled, at most once per address window, so memory follows live attackers only.</summary>
    private void SweepFullBuckets(DateTimeOffset now, FailedRedemptionOptions o)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + o.PerAddressWindow;
        foreach (var (partition, fullAt) in _addressFullAt)
        {
            if (fullAt <= now) _addressFullAt.Remove(partition);
        }
    }
}
