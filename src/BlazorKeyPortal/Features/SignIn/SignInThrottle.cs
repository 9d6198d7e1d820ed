using BlazorKeyPortal.Features.Throttling;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// The budgets of failed password sign-ins, in place of Identity's lockout: a user's account is never locked by wrong
/// passwords (whoever typed them), so nobody can lock a colleague out or end their open session, and "locked" never
/// tells an attacker that a name exists.
/// </summary>
/// <remarks>
/// Two budgets, both spent by every failure:
/// <list type="bullet">
/// <item>per client address, whatever the name: bounds what one address can try across all users (password spraying),
/// by default 10 + 24 h / 90 s = 970 guesses a day;</item>
/// <item>per user name, shared by all addresses (<see cref="SharedFailureBudget"/>): once spent, only addresses that
/// have already failed for that name wait. By default one user's password can be guessed at most
/// 10 + 24 h / 6 min = 250 times a day from addresses that failed before, plus once per further attacker address and
/// day; the user, signing in from an address that has not failed, is never held back. The budget is kept for any name
/// typed, existing or not, so it tells nothing about which names exist.</item>
/// </list>
/// The attempt is counted ahead, before the password is checked, so parallel requests cannot overrun a budget; a
/// right password gives it back.
/// </remarks>
public sealed class SignInThrottle
{
    private readonly FailureBudget _perAddress;
    private readonly SharedFailureBudget _perUser;

    /// <param name="shared">Where budgets live when several instances share them (Redis); null keeps them in this process.</param>
    public SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time, IBudgetStore? shared = null)
    {
        var o = options.Value;
        _perAddress = new FailureBudget(o.PerAddressLimit, o.PerAddressWindow, time, shared, "signin-address");
        _perUser = new SharedFailureBudget(o.PerUserLimit, o.PerUserWindow, o.FailureMemory, time, shared, "signin-user");
    }

    /// <summary>Before the password is checked: null, with the attempt counted ahead, or how long to wait.</summary>
    public TimeSpan? TryBegin(ClientAddress client, string userName)
    {
        if (_perAddress.TryTake(client.Partition) is { } addressWait) return addressWait;
        if (_perUser.TryTake(Scope(userName), client.Partition) is { } userWait)
        {
            _perAddress.Refund(client.Partition);
            return userWait;
        }
        return null;
    }

    /// <summary>The password was right: the attempt counted ahead is given back, and the address's failures for the name are forgotten.</summary>
    public void Succeeded(ClientAddress client, string userName)
    {
        _perAddress.Refund(client.Partition);
        _perUser.Refund(Scope(userName), client.Partition);
    }

    /// <summary>The refusal the sign-in form shows.</summary>
    public static string Message(TimeSpan wait) => $"Too many failed sign-ins. Try again in {WaitText.Describe(wait)}.";

    // As Identity finds users: names differing only in case are one user, so they share one budget.
    private static string Scope(string userName) => userName.Trim().ToUpperInvariant();
}
