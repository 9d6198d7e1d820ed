namespace BlazorKeyPortal.Features.Throttling;

/// <summary>
/// A budget of failures for each partition (a client address, a user name): a burst of <c>limit</c> failures,
/// refilled evenly over <c>window</c>, one failure every <c>window / limit</c>. Each partition's bucket is kept as the
/// instant it will be full again (GCRA), read and moved under one lock, with time from <see cref="TimeProvider"/>;
/// partitions whose bucket has refilled are forgotten, so memory follows live attackers only. Given a shared
/// <see cref="IBudgetStore"/>, the buckets live there (one budget for every instance) and this memory serves only
/// while the store cannot be reached.
/// </summary>
public sealed class FailureBudget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _fullAt = new(StringComparer.Ordinal);
    private readonly TimeSpan _window;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly IBudgetStore? _shared;
    private readonly string _name;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public FailureBudget(int limit, TimeSpan window, TimeProvider time) : this(limit, window, time, null, "")
    {
    }

    /// <summary>A budget kept in <paramref name="shared"/> under <paramref name="name"/> (unique per budget), when given.</summary>
    public FailureBudget(int limit, TimeSpan window, TimeProvider time, IBudgetStore? shared, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _window = window;
        _interval = window / limit;
        _time = time;
        _shared = shared;
        _name = name;
    }

    /// <summary>Null while <paramref name="partition"/> may fail once more; otherwise how long until it may.</summary>
    public TimeSpan? RetryAfter(string partition)
    {
        var now = _time.GetUtcNow();
        if (Shared(partition, BudgetStep.Peek, now) is { } reply) return reply.Wait;
        lock (_gate) return _fullAt.TryGetValue(partition, out var fullAt) ? Wait(fullAt, now) : null;
    }

    /// <summary>Counts one failure of <paramref name="partition"/>, whether or not it was allowed one (see <see cref="Spent"/>).</summary>
    public void Spend(string partition)
    {
        var now = _time.GetUtcNow();
        if (Shared(partition, BudgetStep.Spend, now) is not null) return;
        lock (_gate)
        {
            SweepFullBuckets(now);
            _fullAt[partition] = Spent(_fullAt.GetValueOrDefault(partition, DateTimeOffset.MinValue), now);
        }
    }

    /// <summary>
    /// For callers that learn only afterwards whether the attempt failed: counts a failure ahead and returns null when
    /// there is room, else returns the wait and counts nothing, in one step, so parallel attempts cannot overrun the
    /// budget. An attempt that turns out well is given back with <see cref="Refund"/>.
    /// </summary>
    public TimeSpan? TryTake(string partition)
    {
        var now = _time.GetUtcNow();
        if (Shared(partition, BudgetStep.Take, now) is { } reply) return reply.Wait;
        lock (_gate)
        {
            if (_fullAt.TryGetValue(partition, out var fullAt) && Wait(fullAt, now) is { } wait) return wait;
            SweepFullBuckets(now);
            _fullAt[partition] = Spent(fullAt, now);
            return null;
        }
    }

    /// <summary>Gives back one failure counted ahead by <see cref="TryTake"/> for an attempt that did not fail.</summary>
    public void Refund(string partition)
    {
        var now = _time.GetUtcNow();
        if (Shared(partition, BudgetStep.Refund, now) is not null) return;
        lock (_gate)
        {
            if (!_fullAt.TryGetValue(partition, out var fullAt)) return;
            var refunded = fullAt - _interval;
            if (refunded <= now) _fullAt.Remove(partition);
            else _fullAt[partition] = refunded;
        }
    }

    /// <summary>How many partitions currently have failures counted against them.</summary>
    public int TrackedPartitions
    {
        get { lock (_gate) return _fullAt.Count; }
    }

    private BudgetReply? Shared(string partition, BudgetStep step, DateTimeOffset now) =>
        _shared?.Apply($"{_name}:{partition}", step, now, _interval, _window);

    // A bucket is "full" (no failures counted) from fullAt on. Each failure pushes fullAt one interval further;
    // a new failure is allowed while fullAt lies at most (window - interval) ahead, i.e. fewer than `limit` are counted.
    private TimeSpan? Wait(DateTimeOffset fullAt, DateTimeOffset now)
    {
        var excess = fullAt - now - (_window - _interval);
        return excess > TimeSpan.Zero ? excess : null;
    }

    // A bucket holds at most `limit` failures: a failure counted while it is already empty (one that was not asked
    // permission for) leaves it empty rather than deeper in debt, so whoever is refused waits at most one interval.
    private DateTimeOffset Spent(DateTimeOffset fullAt, DateTimeOffset now)
    {
        var spent = (fullAt > now ? fullAt : now) + _interval;
        return spent < now + _window ? spent : now + _window;
    }

    /// <summary>Forgets partitions whose budget has refilled, at most once per window.</summary>
    private void SweepFullBuckets(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + _window;
        foreach (var (partition, fullAt) in _fullAt)
        {
            if (fullAt <= now) _fullAt.Remove(partition);
        }
    }
}
