using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// Where portal users sign in. Section <c>Authentication</c>. Without an <see cref="Authority"/> the portal's
/// built-in provider (ASP.NET Core Identity behind OpenIddict) is used; with one, that external OpenID Connect
/// provider is, and the built-in one is switched off.
/// </summary>
public sealed class PortalSignInOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The external provider's issuer URL (https, or http on loopback). Defaults to none: the built-in provider.</summary>
    public string? Authority { get; set; }

    /// <summary>The portal's client id at the external provider. Required with <see cref="Authority"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The portal's client secret at the external provider. Required with <see cref="Authority"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim of the ID token that carries roles or groups. Defaults to <c>role</c>.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that names the user; a representative's <c>PortalUserName</c> matches it. Defaults to <c>preferred_username</c>.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Provider groups (values of <see cref="RoleClaim"/>) mapped to portal roles, e.g. <c>"GRP-Helpdesk": "Agent"</c>.
    /// A value that already is a portal role name counts as that role. Defaults to empty.
    /// </summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Scopes requested besides <c>openid</c> and <c>profile</c> (e.g. <c>groups</c>). Defaults to none.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// Origins (scheme://host[:port]) under which users reach the portal besides the loopback addresses it binds,
    /// e.g. <c>https://keys.example.com</c> behind a reverse proxy. The built-in provider accepts sign-in
    /// redirects to these. Defaults to none.
    /// </summary>
    public List<string> PublicOrigins { get; set; } = [];

    /// <summary>
    /// How often a signed-in session (each request's cookie and each open page) is checked again against the built-in
    /// provider's user store: the user must still exist and not be locked out, with the same security stamp; changed
    /// roles replace the session's roles. A removed role or a locked-out user loses access within this time.
    /// With an external provider there is no local store to ask: sessions end at their lifetime or at sign-out.
    /// Between one second and one hour. Defaults to one minute.
    /// </summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when the portal's own provider signs users in.</summary>
    public bool UsesBuiltInProvider => string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Checks <see cref="PortalSignInOptions"/> at start-up; every message names the setting to fix.</summary>
internal sealed class PortalSignInOptionsValidator : IValidateOptions<PortalSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalSignInOptions options)
    {
        var failures = new List<string>();
        const string Section = PortalSignInOptions.SectionName;
        if (options.UsesBuiltInProvider)
        {
            if (!string.IsNullOrWhiteSpace(options.ClientId) || !string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                failures.Add($"{Section}:ClientId or {Section}:ClientSecret is set but {Section}:Authority is not; set the external provider's Authority, or remove both to use the built-in provider.");
            }
        }
        else
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{Section}:Authority '{options.Authority}' is not an absolute http(s) URL of an OpenID Connect provider.");
            }
            else if (authority.Scheme == Uri.UriSchemeHttp && !authority.IsLoopback)
            {
                failures.Add($"{Section}:Authority '{options.Authority}' must use https (plain http is accepted only on loopback).");
            }
            if (string.IsNullOrWhiteSpace(options.ClientId)) failures.Add($"{Section}:ClientId is required when {Section}:Authority is set.");
            if (string.IsNullOrWhiteSpace(options.ClientSecret)) failures.Add($"{Section}:ClientSecret is required when {Section}:Authority is set.");
        }
        if (string.IsNullOrWhiteSpace(options.RoleClaim)) failures.Add($"{Section}:RoleClaim must name the claim that carries roles or groups.");
        if (string.IsNullOrWhiteSpace(options.UserNameClaim)) failures.Add($"{Section}:UserNameClaim must name the claim that carries the user name.");
        if (options.SessionRevalidationInterval < TimeSpan.FromSeconds(1) || options.SessionRevalidationInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:SessionRevalidationInterval '{options.SessionRevalidationInterval}' must be between 00:00:01 and 01:00:00: it bounds how long a removed role or a locked-out user keeps access.");
        }
        foreach (var (group, role) in options.GroupRoles)
        {
            if (!PortalRoles.All.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{Section}:GroupRoles:{group} maps to '{role}', which is not a portal role ({string.Join(", ", PortalRoles.All)}).");
            }
        }
        foreach (var origin in options.PublicOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                failures.Add($"{Section}:PublicOrigins entry '{origin}' is not an origin like https://keys.example.com.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
