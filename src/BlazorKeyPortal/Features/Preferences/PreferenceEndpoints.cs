using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace BlazorKeyPortal.Features.Preferences;

/// <summary>
/// The theme switch of the app bar: a form post, not a circuit call, because the layout also renders on pages that
/// have no circuit for it (ADR-009). The user comes back to the page they were on.
/// </summary>
public static class PreferenceEndpoints
{
    public const string ThemePath = "/account/preferences/theme";

    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ThemePath, async (HttpContext http, UserPreferenceStore preferences, [FromForm] bool dark, [FromForm] string? returnUrl) =>
        {
            // The default policy has already required a signed-in user; every signed-in user has a name.
            var userName = PortalClaims.UserNameOf(http.User) ?? throw new InvalidOperationException("A signed-in user without a name.");
            await preferences.SaveAsync(userName, p => p.DarkMode = dark, http.RequestAborted);
            return TypedResults.LocalRedirect(ReturnUrls.LocalOrHome(returnUrl));
        }).RequireAuthorization();
        return endpoints;
    }
}
