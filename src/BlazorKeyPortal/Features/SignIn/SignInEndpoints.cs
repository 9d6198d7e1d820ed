using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>Addresses of the sign-in pages and the query values they understand.</summary>
public static class SignInPages
{
    public const string ChallengePath = "/authentication/login";
    public const string LogoutPath = "/authentication/logout";
    public const string NotAllowedPath = "/account/not-allowed";
    public const string ProblemPath = "/account/sign-in-problem";

    public const string MissingError = "missing";
    /// <summary>Any failed password check: an unknown name, a wrong password and a locked account read the same.</summary>
    public const string InvalidError = "invalid";
    /// <summary>Too many failed sign-ins; the form says how long to wait (<c>Wait</c>, seconds).</summary>
    public const string ThrottledError = "wait";

    /// <summary>The built-in provider's sign-in form, optionally with the name typed, why the last try failed and how long to wait.</summary>
    public static string LoginUrl(string returnUrl, string? userName = null, string? error = null, TimeSpan? wait = null) =>
        BuiltInProvider.LoginPath + QueryString.Create(new Dictionary<string, string?>
        {
            ["ReturnUrl"] = returnUrl,
            ["UserName"] = string.IsNullOrEmpty(userName) ? null : userName,
            ["Error"] = error,
            ["Wait"] = wait is { } w ? Throttling.WaitText.Seconds(w).ToString(CultureInfo.InvariantCulture) : null,
        }.Where(p => p.Value is not null));

    /// <summary>Where a page sends an anonymous user: the portal's challenge, returning to <paramref name="returnUrl"/>.</summary>
    public static string ChallengeUrl(string returnUrl) =>
        ChallengePath + QueryString.Create("returnUrl", ReturnUrls.LocalOrHome(returnUrl));
}

/// <summary>
/// Sign-in and sign-out of the portal, on one route group: both take a return address that must be local.
/// Sign-out ends the portal's cookie session and the built-in provider's session, then the provider's (OIDC end-session).
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/authentication");

        group.MapGet("/login", (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOrHome(returnUrl) },
            [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();

        group.MapPost("/logout", async (HttpContext http, SignInAudit audit, [FromForm] string? returnUrl) =>
        {
            if (PortalClaims.UserNameOf(http.User) is { } userName)
            {
                await audit.SignedOutAsync(userName, http.RequestAborted);
            }
            // The built-in provider's session ends here as well, not only when the browser follows the redirect to the
            // provider's end-session endpoint: a browser that stops on the way must not keep a session that signs in again.
            return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = ReturnUrls.IsLocal(returnUrl) ? returnUrl : BuiltInProvider.SignedOutPath },
                [CookieAuthenticationDefaults.AuthenticationScheme, IdentityConstants.ApplicationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });

        endpoints.MapBuiltInProvider();
        return endpoints;
    }
}
