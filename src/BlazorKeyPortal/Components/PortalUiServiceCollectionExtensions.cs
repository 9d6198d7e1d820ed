using BlazorKeyPortal.Features.PublicSites;
using MudBlazor.Services;

namespace BlazorKeyPortal.Components;

public static class PortalUiServiceCollectionExtensions
{
    /// <summary>Blazor Server with MudBlazor.</summary>
    public static IHostApplicationBuilder AddPortalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    /// <summary>Static assets and the interactive portal pages.</summary>
    public static WebApplication MapPortalUi(this WebApplication app)
    {
        // Styles, scripts and images are the same for everyone; the public pages use the favicon.
        app.MapStaticAssets().AnswersOnPublicSites();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
