namespace BlazorKeyPortal.Features.Throttling;

/// <summary>One step on a failure budget's bucket (see <see cref="FailureBudget"/>).</summary>
public enum BudgetStep
{
    /// <summary>Reads the wait, changes nothing.</summary>
    Peek,
    /// <summary>Counts one failure.</summary>
    Spend,
    /// <summary>Counts one failure if there is room, else reads the wait.</summary>
    Take,
    /// <summary>Gives one failure back.</summary>
    Refund,
}

/// <summary>
/// Where failure budgets live when several instances must share them (Redis). Every member answers null when the
/// store cannot be reached right now: the budget then uses its own memory, so an outage never fails a request.
/// </summary>
public interface IBudgetStore
{
    /// <summary>Applies <paramref name="operation"/> to the bucket at <paramref name="key"/> atomically; the reply's Wait is null when allowed.</summary>
    BudgetReply? Apply(string key, BudgetStep operation, DateTimeOffset now, TimeSpan interval, TimeSpan window);

    /// <summary>Whether a record exists at <paramref name="key"/>.</summary>
    bool? HasRecord(string key);

    /// <summary>Puts a record at <paramref name="key"/> that vanishes after <paramref name="lifetime"/>; false if the store is unreachable.</summary>
    bool SetRecord(string key, TimeSpan lifetime);

    /// <summary>Takes the record at <paramref name="key"/> off; false if the store is unreachable.</summary>
    bool RemoveRecord(string key);
}

/// <summary>A shared bucket's answer: null while a failure more is allowed, else how long until it is.</summary>
public readonly record struct BudgetReply(TimeSpan? Wait);
