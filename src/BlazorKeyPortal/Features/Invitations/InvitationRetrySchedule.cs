namespace BlazorKeyPortal.Features.Invitations;

/// <summary>
/// When an invitation that could not be sent is tried again: after <see cref="SmtpOptions.FirstRetryDelay"/>, doubling with
/// every failure up to <see cref="SmtpOptions.MaxRetryDelay"/>, until <see cref="SmtpOptions.GiveUpAfter"/> has passed since
/// it was queued. A mail server down for a night is waited out; a mail that cannot go out at all is marked failed.
/// </summary>
public sealed class InvitationRetrySchedule(SmtpOptions options)
{
    /// <summary>The wait after the <paramref name="failedAttempts"/>th failed attempt (1 = the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30); // 2^30 times any positive delay is past any cap
        var delay = options.FirstRetryDelay * Math.Pow(2, exponent);
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    /// <summary>
    /// When to try again after <paramref name="failedAttempts"/> failures at <paramref name="now"/>, or null to give up. The
    /// last attempt comes exactly when the time is up, so a server back a minute before the deadline still gets the mail.
    /// </summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset queuedAt, int failedAttempts, DateTimeOffset now)
    {
        var deadline = queuedAt + options.GiveUpAfter;
        if (now >= deadline) return null;
        var next = now + DelayAfter(failedAttempts);
        return next > deadline ? deadline : next;
    }
}
