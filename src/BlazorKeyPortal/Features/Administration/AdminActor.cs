using System.Security.Claims;

namespace BlazorKeyPortal.Features.Administration;

/// <summary>Who an administrative change is audited as.</summary>
public static class AdminActor
{
    /// <summary>The claim that names a portal user; representatives are linked to it.</summary>
    public const string UserNameClaim = SignIn.PortalClaims.UserName;

    /// <summary>
    /// <c>user:</c> and the sign-in name, or the identity's name where a provider gives no
    /// <c>preferred_username</c>, so the audit trail names the same person the portal greets.
    /// </summary>
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = SignIn.PortalClaims.ActingNameOf(user);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidOperationException("An administrative change needs a signed-in user with a name.");
        }
        return $"user:{name}";
    }
}
