using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorKeyPortal.Features.Presence;

public static class PresenceServiceCollectionExtensions
{
    /// <summary>Circuits of signed-in users count as presence; the app bar's switch sets Available / Away.</summary>
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CircuitPresence>();
        builder.Services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        builder.Services.AddSingleton<PresenceStatus>();
        return builder;
    }
}
