using BlazorKeyPortal.Features.Throttling;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// The budgets of failed redemption attempts: one per client address for every kind of key, and one shared by all
/// addresses for short keys, the only guessable secret (a key URL carries 80 random bits, so its failures need not
/// slow anyone else down). The shared budget refuses only addresses with a short-key failure on record within
/// <see cref="FailedRedemptionOptions.FailureMemory"/>: guessing from a few addresses cannot close typed keys to the
/// customers of every other address, and each new address an attacker brings buys one guess per memory period.
/// </summary>
public sealed class FailedAttemptLimits
{
    private const string ShortKeys = "short-keys";
    private readonly FailureBudget _perAddress;
    private readonly SharedFailureBudget _shortKeys;

    /// <param name="shared">Redis, when instances share their budgets; null for one instance.</param>
    public FailedAttemptLimits(IOptions<FailedRedemptionOptions> options, TimeProvider time, IBudgetStore? shared = null)
    {
        var o = options.Value;
        _perAddress = new FailureBudget(o.PerAddressLimit, o.PerAddressWindow, time, shared, "redemption-address");
        _shortKeys = new SharedFailureBudget(o.GlobalLimit, o.GlobalWindow, o.FailureMemory, time, shared, "redemption-short-keys");
    }

    /// <summary>
    /// Null when <paramref name="client"/> may make an attempt now; otherwise how long to wait until a failure more is
    /// allowed again. <paramref name="shortKey"/> attempts of an address that has failed before also need room in the
    /// shared budget.
    /// </summary>
    public TimeSpan? RetryAfter(ClientAddress client, bool shortKey)
    {
        var wait = _perAddress.RetryAfter(client.Partition);
        if (shortKey && _shortKeys.RetryAfter(ShortKeys, client.Partition) is { } sharedWait && (wait is null || sharedWait > wait))
        {
            wait = sharedWait;
        }
        return wait;
    }

    /// <summary>Spends one failure from the client's budget and, for short keys, from the shared one, and puts it on record.</summary>
    public void RecordFailure(ClientAddress client, bool shortKey)
    {
        _perAddress.Spend(client.Partition);
        if (shortKey) _shortKeys.Spend(ShortKeys, client.Partition);
    }

    /// <summary>How many addresses currently have failures counted against their own budget.</summary>
    public int TrackedAddresses => _perAddress.TrackedPartitions;

    /// <summary>How many addresses have a short-key failure on record.</summary>
    public int RememberedAddresses => _shortKeys.RememberedClients;
}
