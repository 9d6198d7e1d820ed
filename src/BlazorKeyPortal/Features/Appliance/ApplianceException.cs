namespace BlazorKeyPortal.Features.Appliance;

/// <summary>Why a call to the appliance gave no usable answer.</summary>
public enum ApplianceFailureKind
{
    /// <summary>No connection (refused, reset, name not found, TLS failure).</summary>
    Unreachable,
    /// <summary>No answer within <see cref="ApplianceOptions.TimeoutSeconds"/>.</summary>
    TimedOut,
    /// <summary>The token endpoint refused the credentials, or a fresh token was refused as well.</summary>
    Unauthorized,
    /// <summary>The appliance answered with an <c>&lt;error&gt;</c> document: the request itself was refused.</summary>
    Refused,
    /// <summary>The answer was not the document the command returns.</summary>
    Malformed,
    /// <summary>An HTTP status other than 200 (and other than 401 handled by a new token).</summary>
    HttpStatus,
    /// <summary>The resilience pipeline holds requests back after repeated failures.</summary>
    Paused,
}

/// <summary>A call to the appliance failed; the message is written for the agent who will read it.</summary>
public sealed class ApplianceException(ApplianceFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ApplianceFailureKind Kind { get; } = kind;
}
