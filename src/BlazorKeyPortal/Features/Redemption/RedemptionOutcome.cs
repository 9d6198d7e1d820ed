using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>Why a key did not start a session. Each reason has its own message for the customer.</summary>
public enum RedemptionFailure
{
    /// <summary>No key has this short key or access key.</summary>
    UnknownKey,
    /// <summary>What was typed cannot be a short key at all (not seven letters or digits).</summary>
    NotAKey,
    AlreadyUsed,
    Expired,
    Revoked,
    /// <summary>The public site the customer is on is switched off.</summary>
    SiteClosed,
}

/// <summary>The session a redemption started.</summary>
public sealed record RedeemedSession(long SessionId, long SessionKeyId, int SiteId, string SiteName, QueueKind QueueKind, int? QueueId, DateTimeOffset StartedAt);

/// <summary>What became of a redemption request: a session, a failure, a refusal for too many failures, or invalid input.</summary>
public sealed record RedemptionOutcome
{
    public RedeemedSession? Session { get; private init; }
    public RedemptionFailure? Failure { get; private init; }
    /// <summary>Set when the attempt was refused because too many attempts failed; how long to wait.</summary>
    public TimeSpan? RetryAfter { get; private init; }
    public IReadOnlyList<string> Errors { get; private init; } = [];

    public bool Succeeded => Session is not null;

    /// <summary>The one sentence to show the customer (or to put in an <c>&lt;error&gt;</c>).</summary>
    public string Message => Session is not null ? "Your session has started."
        : RetryAfter is { } wait ? RedemptionMessages.TooManyAttempts(wait)
        : Failure is { } failure ? RedemptionMessages.For(failure)
        : string.Join(" ", Errors);

    public static RedemptionOutcome Started(RedeemedSession session) => new() { Session = session };
    public static RedemptionOutcome Failed(RedemptionFailure failure) => new() { Failure = failure };
    public static RedemptionOutcome Throttled(TimeSpan retryAfter) => new() { RetryAfter = retryAfter };
    public static RedemptionOutcome Invalid(IReadOnlyList<string> errors) => new() { Errors = errors };
}

/// <summary>What the customer reads. Each says what happened and what to do next, without blame or jargon.</summary>
public static class RedemptionMessages
{
    private const string AskForNewKey = "Please ask your support contact for a new session key.";

    public static string For(RedemptionFailure failure) => failure switch
    {
        RedemptionFailure.AlreadyUsed => $"This session key has already been used. Each key starts one session only. {AskForNewKey}",
        RedemptionFailure.Expired => $"This session key has expired. {AskForNewKey}",
        RedemptionFailure.Revoked => $"This session key has been withdrawn by your support team. {AskForNewKey}",
        RedemptionFailure.NotAKey => "That is not a session key. A session key has seven characters, for example 123 4567. Check what you typed and try again.",
        RedemptionFailure.SiteClosed => "This support site is not accepting sessions at the moment. Please contact your support team.",
        _ => $"We could not find this session key. Check that you typed all seven characters correctly. If it still does not work, {char.ToLowerInvariant(AskForNewKey[0])}{AskForNewKey[1..]}",
    };

    public static string TooManyAttempts(TimeSpan retryAfter)
    {
        return $"There have been too many attempts with keys that did not work. Please wait {Throttling.WaitText.Describe(retryAfter)} and try again, or ask your support contact for help.";
    }
}
