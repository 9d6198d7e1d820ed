namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// A machine client of the command API. Its OAuth2 client (id and hashed secret) lives in OpenIddict's
/// application table under the same <see cref="ClientId"/>; this row holds what the portal decides on.
/// </summary>
public sealed class ApiAccount
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string ClientId { get; set; }
    public CommandPermission CommandPermission { get; set; } = CommandPermission.Deny;
    /// <summary>CIDR prefixes, one per line; empty means any address.</summary>
    public string AllowedNetworks { get; set; } = "";
    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SecretRegeneratedAt { get; set; }
}

public enum CommandPermission
{
    Deny = 0,
    ReadOnly = 1,
    FullAccess = 2,
}
