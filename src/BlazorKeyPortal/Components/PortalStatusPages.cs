using Microsoft.AspNetCore.Diagnostics;

namespace BlazorKeyPortal.Components;

public static class PortalStatusPages
{
    /// <summary>
    /// Portal pages answer an error status with the friendly "not found" page; machine endpoints (the APIs, tokens,
    /// health) keep their own status codes and bodies.
    /// </summary>
    public static WebApplication UsePortalStatusPages(this WebApplication app)
    {
        // Registered on the application itself: a UseWhen branch does not carry WebApplication's global route builder,
        // so a request re-executed from inside one is never routed again and its page stays empty.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (IsMachineEndpoint(http.Request.Path) && http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(http);
        });
        return app;
    }

    private static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth2") || path.StartsWithSegments("/health") || path.StartsWithSegments("/connect");
}
