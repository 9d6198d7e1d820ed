using System.Security.Claims;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>The claims of a signed-in portal user, whichever provider signed them in.</summary>
public static class PortalClaims
{
    /// <summary>The sign-in name; representatives are linked to it by <c>PortalUserName</c>.</summary>
    public const string UserName = "preferred_username";
    public const string DisplayName = "name";
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>The authentication type of the portal's cookie identity.</summary>
    public const string AuthenticationType = "portal";

    /// <summary>The portal's identity: a user name, a display name, the provider's subject and portal roles only.</summary>
    public static ClaimsPrincipal Principal(string userName, string displayName, string subject, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(AuthenticationType, UserName, Role);
        identity.AddClaim(new Claim(UserName, userName));
        identity.AddClaim(new Claim(DisplayName, displayName));
        identity.AddClaim(new Claim(Subject, subject));
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(Role, role));
        }
        return new ClaimsPrincipal(identity);
    }

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
