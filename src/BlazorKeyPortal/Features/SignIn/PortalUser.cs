using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>The claims of a signed-in portal user, whichever provider signed them in.</summary>
public static class PortalClaims
{
    /// <summary>The sign-in name; representatives are linked to it by <c>PortalUserName</c>.</summary>
    public const string UserName = "preferred_username";
    public const string DisplayName = "name";
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>
    /// The built-in provider's security stamp of the user at sign-in, as a SHA-256 fingerprint (the stamp itself keys
    /// Identity's one-time codes and stays in the user store). A session whose fingerprint no longer matches ends.
    /// </summary>
    public const string SecurityStamp = "security_stamp";

    /// <summary>The authentication type of the portal's cookie identity.</summary>
    public const string AuthenticationType = "portal";

    /// <summary>
    /// The portal's identity: a user name, a display name, the provider's subject and portal roles only (and, from the
    /// built-in provider, the fingerprint of the user's security stamp).
    /// </summary>
    public static ClaimsPrincipal Principal(string userName, string displayName, string subject, IEnumerable<string> roles, string? securityStamp = null)
    {
        var identity = new ClaimsIdentity(AuthenticationType, UserName, Role);
        identity.AddClaim(new Claim(UserName, userName));
        identity.AddClaim(new Claim(DisplayName, displayName));
        identity.AddClaim(new Claim(Subject, subject));
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(Role, role));
        }
        if (!string.IsNullOrEmpty(securityStamp))
        {
            identity.AddClaim(new Claim(SecurityStamp, securityStamp));
        }
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The portal's identity for what a provider says about a user (the claims of its ID token). Sign-in and the
    /// revalidation of a session both use this, so a session is compared with exactly what a new sign-in would give.
    /// </summary>
    public static ClaimsPrincipal FromProvider(ClaimsPrincipal provider, PortalSignInOptions options)
    {
        var subject = provider.FindFirst(Subject)?.Value ?? "";
        var userName = provider.FindFirst(options.UserNameClaim)?.Value ?? subject;
        var displayName = provider.FindFirst(DisplayName)?.Value ?? userName;
        // Only the built-in provider's stamp means anything here; an external provider's claim of that name is ignored.
        var stamp = options.UsesBuiltInProvider ? provider.FindFirst(SecurityStamp)?.Value : null;
        return Principal(userName, displayName, subject, PortalRoleMapping.Map(provider, options), stamp);
    }

    /// <summary>The fingerprint of a security stamp carried in <see cref="SecurityStamp"/>; null for no stamp.</summary>
    public static string? StampFingerprint(string? stamp) => string.IsNullOrEmpty(stamp) ? null : Fingerprint(stamp);

    /// <summary>The SHA-256 of <paramref name="value"/>, base64url: what the portal keeps instead of a secret it only compares.</summary>
    internal static string Fingerprint(string value) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The portal roles of <paramref name="user"/>, sorted.</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        user.FindAll(Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The name the portal records a user under (audit actor, issuer, rep link): <see cref="UserName"/>, else the
    /// identity's name where a provider or a test principal carries no <c>preferred_username</c>.
    /// </summary>
    public static string? ActingNameOf(ClaimsPrincipal user) =>
        user.FindFirst(UserName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name;

    /// <summary>The signed-in user's name, or null for an anonymous principal.</summary>
    public static string? UserNameOf(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.FindFirst(UserName)?.Value : null;
}

/// <summary>Turns a provider's role or group claims into portal roles.</summary>
public static class PortalRoleMapping
{
    /// <summary>
    /// Values of the configured role claim that the group map names, or that already are portal role names
    /// (compared without case), become portal roles; every other value is ignored.
    /// </summary>
    public static IReadOnlyList<string> Map(ClaimsPrincipal provider, PortalSignInOptions options)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var claim in provider.FindAll(options.RoleClaim))
        {
            if (options.GroupRoles.TryGetValue(claim.Value, out var mapped) && Canonical(mapped) is { } role)
            {
                roles.Add(role);
            }
            else if (Canonical(claim.Value) is { } named)
            {
                roles.Add(named);
            }
        }
        return roles.ToList();
    }

    private static string? Canonical(string name) => PortalRoles.All.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase));
}
