using System.Security.Claims;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Throttling;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// The portal's own OpenID provider: users of ASP.NET Core Identity sign in on <see cref="LoginPath"/>, and the
/// OpenIddict server hands the portal's OIDC handler an authorization code (with PKCE) for them. Used when no
/// external <see cref="PortalSignInOptions.Authority"/> is configured; otherwise every endpoint here answers 404.
/// </summary>
public static class BuiltInProvider
{
    /// <summary>The portal's own client at the built-in provider: public, code flow with PKCE.</summary>
    public const string ClientId = "blazor-key-portal";
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";
    public const string LoginPath = "/account/login";
    public const string SignedOutPath = "/account/signed-out";

    /// <summary>
    /// Adds the authorization-code flow to the OpenIddict server that already serves client credentials, once the
    /// settings are known (tests and hosts may set them late). <c>/connect/token</c> comes first so that discovery
    /// names it; <c>/oauth2/token</c> stays the API accounts' endpoint.
    /// </summary>
    internal static void Configure(OpenIddictServerOptions server, PortalSignInOptions options, IServer host)
    {
        if (!options.UsesBuiltInProvider) return;
        server.Issuer ??= PortalOrigins.Bound(host);
        server.AuthorizationEndpointUris.Add(new Uri(AuthorizePath.TrimStart('/'), UriKind.Relative));
        server.EndSessionEndpointUris.Add(new Uri(EndSessionPath.TrimStart('/'), UriKind.Relative));
        server.TokenEndpointUris.Insert(0, new Uri(TokenPath.TrimStart('/'), UriKind.Relative));
        server.GrantTypes.Add(GrantTypes.AuthorizationCode);
        server.ResponseTypes.Add(ResponseTypes.Code);
        server.ResponseModes.Add(ResponseModes.Query);
        server.ResponseModes.Add(ResponseModes.FormPost);
        server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
        server.RequireProofKeyForCodeExchange = true;
        server.Scopes.Add(Scopes.OpenId);
        server.Scopes.Add(Scopes.Profile);
        server.Scopes.Add(Scopes.Roles);
    }

    public static IEndpointRouteBuilder MapBuiltInProvider(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IOptions<PortalSignInOptions>>().Value.UsesBuiltInProvider
                ? await next(context)
                : Results.NotFound());
        group.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        group.MapPost(TokenPath, ExchangeAsync).DisableAntiforgery();
        group.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).DisableAntiforgery();
        group.MapPost(LoginPath, PasswordSignInAsync);
        return endpoints;
    }

    /// <summary>Issues a code for the user signed in at the provider, or sends them to the sign-in page first.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        // A changed security stamp ends the provider's session too, or it would sign the user straight in again.
        var user = session.Succeeded ? await signIn.ValidateSecurityStampAsync(session.Principal) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "the user is not signed in at the portal's provider");
            }
            var query = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
                ? QueryString.Create((await http.Request.ReadFormAsync()).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())))
                : http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }

        var principal = await PrincipalAsync(users, user);
        principal.SetScopes(request.GetScopes());
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Redeems an authorization code; the user's roles are read again, and a locked-out user gets nothing.</summary>
    private static async Task<IResult> ExchangeAsync(HttpContext http, UserManager<IdentityUser> users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "only grant_type=authorization_code is accepted here; API accounts use /oauth2/token");
        }
        var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = code.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return Refuse(Errors.InvalidGrant, "the user no longer exists or is locked out");
        }
        var principal = await PrincipalAsync(users, user);
        principal.SetScopes(code.Principal!.GetScopes());
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Ends the session at the provider and returns to the portal's post-logout address, for a request that carries the
    /// ID token of the user signed in here (<c>id_token_hint</c>, as the portal's sign-out sends it). OpenIddict checks a
    /// hint's signature and audience but accepts a request without one, and ties no hint to the browser's session: a
    /// bare link on any site, or an attacker's own ID token, would otherwise sign the user out (logout CSRF).
    /// </summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http, UserManager<IdentityUser> users)
    {
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (hint.Principal?.GetClaim(Claims.Subject) is not { Length: > 0 } hintSubject)
        {
            return RefuseEndSession("id_token_hint is required: only the portal's own sign-out ends the provider's session");
        }
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded && !string.Equals(users.GetUserId(session.Principal!), hintSubject, StringComparison.Ordinal))
        {
            return RefuseEndSession("the id_token_hint belongs to another user than the one signed in");
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// The sign-in form: a password check behind the <see cref="SignInThrottle"/>, never Identity's lockout counter (wrong
    /// passwords must not lock a user out for everyone). Every failure returns to the form with the same message; an
    /// account an administrator locked (LockoutEnd ahead) is refused by the same check with the same message. A right
    /// password leads to the steps still due (<see cref="SignInSteps"/>) or opens the provider's session.
    /// </summary>
    private static async Task<IResult> PasswordSignInAsync(
        [FromForm(Name = "username")] string? userName, [FromForm(Name = "password")] string? password, [FromForm(Name = "returnUrl")] string? returnUrl,
        HttpContext http, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, SignInSteps steps, SignInThrottle throttle, SignInAudit audit,
        CancellationToken cancellationToken)
    {
        var target = ReturnUrls.IsLocal(returnUrl) ? returnUrl! : "/";
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect(SignInPages.LoginUrl(target, userName, SignInPages.MissingError));
        }
        var name = userName.Trim();
        var client = ClientAddress.Of(http);
        if (throttle.TryBegin(client, name) is { } wait)
        {
            return Results.LocalRedirect(SignInPages.LoginUrl(target, userName, SignInPages.ThrottledError, wait));
        }
        var user = await users.FindByNameAsync(name);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(client, name);
            return Results.LocalRedirect(await steps.ContinueAsync(http, user!, secondFactorDone: false, target));
        }
        // The audit trail (administrators only) keeps the difference that the answer must not show.
        await audit.FailedAsync(name, result.IsLockedOut ? "locked" : SignInPages.InvalidError, cancellationToken);
        return Results.LocalRedirect(SignInPages.LoginUrl(target, userName, SignInPages.InvalidError));
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var identity = await IdentityAsync(users, user);
        // The stamp's fingerprint is for the portal's session only, not for anything an access token is shown to.
        identity.SetDestinations(claim => claim.Type == PortalClaims.SecurityStamp
            ? [Destinations.IdentityToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// What the provider's ID token says about <paramref name="user"/> now: subject, names, roles and the fingerprint of
    /// the security stamp. The portal's session revalidation reads the user through this too.
    /// </summary>
    internal static async Task<ClaimsIdentity> IdentityAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.PreferredUsername, user.UserName);
        identity.SetClaim(Claims.Name, user.UserName);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetClaim(PortalClaims.SecurityStamp, PortalClaims.StampFingerprint(await users.GetSecurityStampAsync(user)));
        return identity;
    }

    // OpenIddict's server cannot answer an end-session request with an error (forbid is not supported there), so the
    // refusal is a plain 400: nothing is signed out and the browser is sent nowhere.
    private static IResult RefuseEndSession(string description) =>
        Results.Text($"The sign-out request was refused: {description}.", "text/plain", statusCode: StatusCodes.Status400BadRequest);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
