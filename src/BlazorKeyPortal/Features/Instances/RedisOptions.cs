using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.Instances;

/// <summary>
/// Optional Redis shared by every instance of the portal. Section <c>Redis</c>. Unset <see cref="Configuration"/> means
/// one instance: nothing is published or shared and no Redis code runs.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>redis1:6379,password=…,ssl=true</c>). Unset by default.</summary>
    public string? Configuration { get; set; }

    /// <summary>The prefix of every channel and key the portal uses, so several portals can share one Redis. Defaults to <c>blazorkeyportal:</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Redis:Prefix must not be empty.")]
    public string Prefix { get; set; } = "blazorkeyportal:";

    /// <summary>How often each instance rewrites its representatives' presence. Defaults to 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Redis:PresenceHeartbeat must be between 00:00:01 and 00:10:00.")]
    public TimeSpan PresenceHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an instance's presence counts without a heartbeat (a crashed instance's representatives drop out after it, so within 25 seconds of the crash by default; the lifetime stays
    /// well above the heartbeat so that one late heartbeat does not drop a live instance's representatives). Defaults to 25 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00", ErrorMessage = "Redis:PresenceLifetime must be between 00:00:02 and 01:00:00.")]
    public TimeSpan PresenceLifetime { get; set; } = TimeSpan.FromSeconds(25);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
