namespace BlazorKeyPortal.Features.Throttling;

/// <summary>How long to wait, as a refusal says it to a person: whole minutes, rounded up.</summary>
public static class WaitText
{
    public static string Describe(TimeSpan wait) =>
        wait.TotalSeconds <= 60 ? "a minute" : $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";

    /// <summary>The value of a Retry-After header: whole seconds, rounded up, at least one.</summary>
    public static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
}
