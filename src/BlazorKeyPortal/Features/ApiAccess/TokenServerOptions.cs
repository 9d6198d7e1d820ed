using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>The OAuth2 / OpenID Connect server in the portal. Section <c>TokenServer</c>.</summary>
public sealed class TokenServerOptions
{
    public const string SectionName = "TokenServer";

    /// <summary>
    /// Where the server's signing and encryption keys are kept (created on first start), relative to the
    /// data directory. Instances that share a database must share this folder. Defaults to <c>keys</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "TokenServer:KeyDirectory is required.")]
    public string KeyDirectory { get; set; } = "keys";

    /// <summary>
    /// Accept token requests over plain HTTP. Only for loopback development and for a TLS-terminating proxy
    /// in front. Defaults to false.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>Lifetime of API access tokens in seconds. Defaults to 3600, as appliances issue them.</summary>
    [Range(60, 86_400, ErrorMessage = "TokenServer:AccessTokenLifetimeSeconds must be between 60 and 86400.")]
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Live tokens an API account may hold; issuing one more revokes the oldest. Defaults to 30.</summary>
    [Range(1, 1000, ErrorMessage = "TokenServer:MaxLiveTokensPerAccount must be between 1 and 1000.")]
    public int MaxLiveTokensPerAccount { get; set; } = 30;
}
