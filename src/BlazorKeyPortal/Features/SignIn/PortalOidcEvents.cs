using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// The portal's OIDC client: keeps the browser on the origin it came from when the built-in provider is used,
/// reduces the provider's claims to the portal's (user name, display name, portal roles), and audits sign-ins.
/// </summary>
internal sealed class PortalOidcEvents(IOptions<PortalSignInOptions> options, SignInAudit audit, PortalSessionValidator sessions) : OpenIdConnectEvents
{
    /// <summary>
    /// Discovery is read over loopback (the bound address); the browser stays on the origin it used
    /// (localhost, 127.0.0.1 or a public name), where the provider's sign-in cookie and redirect URIs live.
    /// </summary>
    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        if (options.Value.UsesBuiltInProvider)
        {
            context.ProtocolMessage.IssuerAddress = PortalOrigins.Of(context.Request) + BuiltInProvider.AuthorizePath;
        }
        return Task.CompletedTask;
    }

    public override Task RedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        if (options.Value.UsesBuiltInProvider)
        {
            context.ProtocolMessage.IssuerAddress = PortalOrigins.Of(context.Request) + BuiltInProvider.EndSessionPath;
        }
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var settings = options.Value;
        var principal = PortalClaims.FromProvider(context.Principal!, settings);
        var userName = PortalClaims.UserNameOf(principal)!;
        var roles = PortalClaims.RolesOf(principal);

        context.Principal = principal;
        // A sign-in is a check of its own: an earlier verdict (a lockout since lifted) must not end the new session.
        sessions.Forget(principal.FindFirst(PortalClaims.Subject)!.Value);
        await audit.SignedInAsync(userName, roles, settings.UsesBuiltInProvider ? "built-in" : settings.Authority!, context.HttpContext.RequestAborted);
    }

    /// <summary>A refused or broken sign-in ends on the portal's sign-in problem page, not in an exception.</summary>
    public override Task RemoteFailure(RemoteFailureContext context)
    {
        context.Response.Redirect($"{SignInPages.ProblemPath}?reason={Uri.EscapeDataString(context.Failure?.Message ?? "unknown")}");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
