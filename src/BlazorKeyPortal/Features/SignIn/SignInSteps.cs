using System.Security.Claims;
using BlazorKeyPortal.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>What the built-in provider still asks for after a right password.</summary>
public enum SignInStep
{
    /// <summary>Nothing: the provider's session opens.</summary>
    Done,
    /// <summary>A code of the user's authenticator app, or a recovery code.</summary>
    TwoFactorCode,
    /// <summary>The password was a one-time password: the user chooses their own.</summary>
    NewPassword,
    /// <summary>A role of the user requires two-factor sign-in, and the user has not set it up yet.</summary>
    TwoFactorEnrolment,
}

/// <summary>A sign-in under way: the user whose password was right, and whether their second factor was checked too.</summary>
public sealed record PendingSignIn(IdentityUser User, bool SecondFactorDone);

/// <summary>
/// The built-in provider's sign-in after the password: the code of a user with two-factor sign-in first (so a one-time
/// password alone never lets anyone choose the password of such a user), then a new password in place of a one-time
/// one, then the enrolment that a role requires. Between steps the user holds only a short-lived cookie of their own
/// scheme (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>) that names them and their security stamp: a lock, a
/// reset password or a changed stamp ends a sign-in under way as it ends a session.
/// </summary>
public sealed class SignInSteps(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, TwoFactorRequirements requirements)
{
    public const string NewPasswordPath = "/account/login/new-password";
    public const string TwoFactorPath = "/account/login/two-factor";
    public const string EnrolmentPath = "/account/login/two-factor-setup";

    /// <summary>How long the steps after a right password may take.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    private const string SecondFactorClaim = "portal:second_factor";

    public async Task<SignInStep> NextAsync(IdentityUser user, bool secondFactorDone)
    {
        if (user.TwoFactorEnabled && !secondFactorDone) return SignInStep.TwoFactorCode;
        if ((await users.GetClaimsAsync(user)).Any(c => c.Type == UserState.MustChangePasswordClaim)) return SignInStep.NewPassword;
        if (!user.TwoFactorEnabled && await requirements.RequiredForAsync(await users.GetRolesAsync(user))) return SignInStep.TwoFactorEnrolment;
        return SignInStep.Done;
    }

    /// <summary>
    /// Takes the user to their next step, or, with none left, opens the provider's session: returns where the browser goes.
    /// </summary>
    public async Task<string> ContinueAsync(HttpContext http, IdentityUser user, bool secondFactorDone, string returnUrl)
    {
        var step = await NextAsync(user, secondFactorDone);
        if (step == SignInStep.Done)
        {
            await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInAsync(user, isPersistent: false);
            return returnUrl;
        }
        await HoldAsync(http, user, secondFactorDone);
        // From the host's root, path base included, like the return address: the pages that follow navigate to it as is.
        return http.Request.PathBase + PathOf(step) + QueryString.Create("ReturnUrl", returnUrl);
    }

    /// <summary>Keeps the sign-in under way for <paramref name="user"/> as they are now (after a step changed their security stamp).</summary>
    public async Task HoldAsync(HttpContext http, IdentityUser user, bool secondFactorDone)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(PortalClaims.SecurityStamp, PortalClaims.StampFingerprint(await users.GetSecurityStampAsync(user)) ?? ""));
        if (secondFactorDone) identity.AddClaim(new Claim(SecondFactorClaim, "true"));
        await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The sign-in under way in this browser, or null when there is none, it ran out, or the user changed since.</summary>
    public async Task<PendingSignIn?> PendingAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!result.Succeeded || result.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } id) return null;
        if (await users.FindByIdAsync(id) is not { } user || await users.IsLockedOutAsync(user)) return null;
        var stamp = PortalClaims.StampFingerprint(await users.GetSecurityStampAsync(user)) ?? "";
        if (!string.Equals(stamp, result.Principal.FindFirst(PortalClaims.SecurityStamp)?.Value, StringComparison.Ordinal)) return null;
        return new PendingSignIn(user, result.Principal.HasClaim(SecondFactorClaim, "true"));
    }

    public static string PathOf(SignInStep step) => step switch
    {
        SignInStep.TwoFactorCode => TwoFactorPath,
        SignInStep.NewPassword => NewPasswordPath,
        SignInStep.TwoFactorEnrolment => EnrolmentPath,
        _ => BuiltInProvider.LoginPath,
    };
}
