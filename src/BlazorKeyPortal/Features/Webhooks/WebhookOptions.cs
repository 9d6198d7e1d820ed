using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>How outbound events are delivered. Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>How long one delivery attempt may take before it counts as failed. Defaults to 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker looks for new audit entries, expired keys and due deliveries. Defaults to 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first failed attempt; it doubles with each failure. Defaults to 10 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts of one event. Defaults to 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A recipient that has failed this long without a single success is paused until an administrator resumes it; an
    /// event that failed this long while its recipient took others is given up. Defaults to 1 day.
    /// </summary>
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many deliveries one process sends at once. Defaults to 8.</summary>
    [Range(1, 64, ErrorMessage = "Webhooks:MaxParallelDeliveries must be between 1 and 64.")]
    public int MaxParallelDeliveries { get; set; } = 8;

    /// <summary>Delivered events and attempts older than this many days are deleted. Defaults to 30.</summary>
    [Range(1, 3650, ErrorMessage = "Webhooks:LogDays must be between 1 and 3650 days.")]
    public int LogDays { get; set; } = 30;

    /// <summary>How long a claimed delivery stays with the process that claimed it: an attempt plus a margin for a slow database.</summary>
    public TimeSpan Lease => AttemptTimeout + TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout < TimeSpan.FromMilliseconds(100) || AttemptTimeout > TimeSpan.FromMinutes(5))
            yield return new("Webhooks:AttemptTimeout must be between 00:00:00.1 and 00:05:00.", [nameof(AttemptTimeout)]);
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(5))
            yield return new("Webhooks:PollInterval must be between 00:00:00.05 and 00:05:00.", [nameof(PollInterval)]);
        if (FirstRetryDelay <= TimeSpan.Zero || FirstRetryDelay > MaxRetryDelay)
            yield return new("Webhooks:FirstRetryDelay must be positive and at most Webhooks:MaxRetryDelay.", [nameof(FirstRetryDelay)]);
        if (PauseAfter < TimeSpan.FromMinutes(1))
            yield return new("Webhooks:PauseAfter must be at least 00:01:00.", [nameof(PauseAfter)]);
    }
}
