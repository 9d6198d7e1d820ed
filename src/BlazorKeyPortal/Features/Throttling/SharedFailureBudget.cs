namespace BlazorKeyPortal.Features.Throttling;

/// <summary>
/// A budget of failures that many clients share within one scope (all addresses guessing short keys; all addresses
/// trying one user name's password), which slows guessing without shutting out the clients that have not failed.
/// Every failure spends the scope's budget; but while it is spent, only a client with a failure of its own on record
/// in that scope (within <c>memory</c>) is refused. A client without one always gets its attempt.
/// </summary>
/// <remarks>
/// The bound this keeps: over a time T a scope sees at most <c>limit + T / (window / limit)</c> failures from clients
/// it refused or could have refused, plus one first failure per client and <c>memory</c>. The clients' first failures
/// never put the budget deeper than empty (<see cref="FailureBudget"/>), so a flood of them makes a remembered client
/// wait one interval at most. Records older than <c>memory</c> are swept at most once per window. Given a shared
/// <see cref="IBudgetStore"/>, the budget and the records live there, for every instance; this memory serves only while
/// the store cannot be reached.
/// </remarks>
public sealed class SharedFailureBudget
{
    private readonly Lock _gate = new();
    private readonly FailureBudget _budget;
    private readonly Dictionary<(string Scope, string Client), DateTimeOffset> _lastFailure = [];
    private readonly TimeSpan _window;
    private readonly TimeSpan _memory;
    private readonly TimeProvider _time;
    private readonly IBudgetStore? _shared;
    private readonly string _name;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public SharedFailureBudget(int limit, TimeSpan window, TimeSpan memory, TimeProvider time) : this(limit, window, memory, time, null, "")
    {
    }

    /// <summary>A budget kept in <paramref name="shared"/> under <paramref name="name"/> (unique per budget), when given.</summary>
    public SharedFailureBudget(int limit, TimeSpan window, TimeSpan memory, TimeProvider time, IBudgetStore? shared, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(memory, TimeSpan.Zero);
        _budget = new FailureBudget(limit, window, time, shared, name);
        _shared = shared;
        _name = name;
        _window = window;
        _memory = memory;
        _time = time;
    }

    /// <summary>Null when <paramref name="client"/> may make an attempt in <paramref name="scope"/>; otherwise how long to wait.</summary>
    public TimeSpan? RetryAfter(string scope, string client)
    {
        if (SharedRecord(scope, client) is { } failed) return failed ? _budget.RetryAfter(scope) : null;
        var now = _time.GetUtcNow();
        lock (_gate) return HasFailed(scope, client, now) ? _budget.RetryAfter(scope) : null;
    }

    /// <summary>Counts a failure of <paramref name="client"/> against the scope's budget and puts it on record.</summary>
    public void Spend(string scope, string client)
    {
        if (_shared is not null && _shared.SetRecord(RecordKey(scope, client), _memory))
        {
            _budget.Spend(scope);
            return;
        }
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            SweepOldRecords(now);
            _budget.Spend(scope);
            _lastFailure[(scope, client)] = now;
        }
    }

    /// <summary>
    /// <see cref="RetryAfter"/> and <see cref="Spend"/> in one step, for callers that learn only afterwards whether the
    /// attempt failed; an attempt that turns out well is given back with <see cref="Refund"/>.
    /// </summary>
    public TimeSpan? TryTake(string scope, string client)
    {
        if (SharedRecord(scope, client) is { } failed)
        {
            // Across instances the check and the spend are two steps: parallel first attempts of one client on two
            // instances may both pass, which the bound above already allows for (one first failure per client).
            if (failed && _budget.RetryAfter(scope) is { } sharedWait) return sharedWait;
            _budget.Spend(scope);
            _shared!.SetRecord(RecordKey(scope, client), _memory);
            return null;
        }
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (HasFailed(scope, client, now) && _budget.RetryAfter(scope) is { } wait) return wait;
            SweepOldRecords(now);
            _budget.Spend(scope);
            _lastFailure[(scope, client)] = now;
            return null;
        }
    }

    /// <summary>
    /// Gives back a failure counted ahead by <see cref="TryTake"/> and takes the client's record off: it has just shown
    /// that it holds the secret, so an earlier typing mistake need not hold it back.
    /// </summary>
    public void Refund(string scope, string client)
    {
        if (_shared is not null && _shared.RemoveRecord(RecordKey(scope, client)))
        {
            _budget.Refund(scope);
            return;
        }
        lock (_gate)
        {
            _budget.Refund(scope);
            _lastFailure.Remove((scope, client));
        }
    }

    /// <summary>How many (scope, client) pairs have a failure on record.</summary>
    public int RememberedClients
    {
        get { lock (_gate) return _lastFailure.Count; }
    }

    private bool? SharedRecord(string scope, string client) => _shared?.HasRecord(RecordKey(scope, client));

    private string RecordKey(string scope, string client) => $"{_name}:record:{scope}:{client}";

    private bool HasFailed(string scope, string client, DateTimeOffset now) =>
        _lastFailure.TryGetValue((scope, client), out var at) && now - at < _memory;

    private void SweepOldRecords(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + _window;
        foreach (var (key, at) in _lastFailure)
        {
            if (now - at >= _memory) _lastFailure.Remove(key);
        }
    }
}
