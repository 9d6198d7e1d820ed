using BlazorKeyPortal.Features.BrowserTime;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>
/// bUnit with MudBlazor and the portal's real services (validator, catalog, presence, key lookup on the seeded
/// SQLite database), so components are tested against the same rules the command API uses.
/// </summary>
public static class GenerateKeyComponentContext
{
    public static async Task<BunitContext> CreateAsync(PortalFactory portal, Action<BunitContext>? arrange = null)
    {
        portal.Started();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(portal.Get<IValidator<SessionKeyRequest>>());
        context.Services.AddSingleton(portal.Get<PortalCatalog>());
        context.Services.AddSingleton(portal.Get<RepresentativePresence>());
        context.Services.AddSingleton(portal.Get<IRepresentativeLogins>());
        context.Services.AddSingleton(portal.Get<QueueAvailability>());
        context.Services.AddSingleton(portal.Get<ExistingKeyLookup>());
        context.Services.AddSingleton(portal.Get<BlazorKeyPortal.Features.ReverseProxy.PortalPublicOrigin>());
        context.Services.AddSingleton<TimeProvider>(portal.Clock);
        context.Services.AddScoped<BrowserTimeZone>();
        arrange?.Invoke(context);
        // As on a circuit: the Generate page's parts are interactive islands and mark themselves live (InteractiveMarker).
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        await context.Render<MudPopoverProvider>().InvokeAsync(() => { });
        return context;
    }

    /// <summary>What the Generate page offers <paramref name="userName"/> in the seeded catalog.</summary>
    public static async Task<KeyFormChoices> ChoicesAsync(PortalFactory portal, string userName = "agent")
    {
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        return new KeyFormChoices(snapshot, KeyIssuer.User(userName, snapshot.TeamIdsOfUser(userName)));
    }
}
