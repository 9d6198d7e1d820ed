using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// Every request's portal session is checked by <see cref="PortalSessionValidator"/>: changed roles replace the
/// session's principal (and the stored ticket), and the audit trail records the new roles; a removed or locked-out user or a changed security stamp ends the
/// session (and the built-in provider's session in that browser): it is removed from the store, the cookie is deleted, the audit trail records why, and the request goes on
/// anonymous (so a page asks for sign-in and a download gives nothing).
/// </summary>
internal sealed class PortalCookieEvents(PortalSessionValidator sessions, SignInAudit audit, ILogger<PortalCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = context.Principal!;
        var check = await sessions.CheckAsync(session, context.HttpContext.RequestAborted);
        switch (check.Standing)
        {
            case SessionStanding.Changed:
                var (roles, previous) = (PortalClaims.RolesOf(check.Principal!), PortalClaims.RolesOf(session));
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("The session of {User} now has the roles [{Roles}] (was [{Previous}]).", PortalClaims.UserNameOf(session),
                        string.Join(", ", roles), string.Join(", ", previous));
                }
                context.ReplacePrincipal(check.Principal!);
                context.ShouldRenew = true;
                await audit.SessionRolesChangedAsync(PortalClaims.UserNameOf(check.Principal!) ?? "", roles, previous, CancellationToken.None);
                break;
            case SessionStanding.Ended:
                var userName = PortalClaims.UserNameOf(session) ?? "";
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("The session of {User} ended: {Reason}.", userName, check.Reason);
                }
                context.RejectPrincipal();
                // Removes the session from the store (a copied cookie dies with it) and deletes the browser's cookie; the
                // built-in provider's session in this browser ends with it, as at sign-out.
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                await audit.SessionEndedAsync(userName, check.Reason!, CancellationToken.None);
                break;
        }
    }
}
