using BlazorKeyPortal.Features.Availability;
using BlazorKeyPortal.Features.Preferences;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>
/// Every open, connected circuit of a signed-in user counts in <see cref="RepresentativePresence"/>: connected, it
/// counts with the user's remembered Available / Away status; disconnected or closed, it stops counting.
/// </summary>
internal sealed class PresenceCircuitHandler(
    AuthenticationStateProvider authentication,
    RepresentativePresence presence,
    UserPreferenceStore preferences) : CircuitHandler
{
    // A circuit whose connection dropped (browser closed or crashed, network gone) stops counting at once rather
    // than after the server's retention period; it counts again when it reconnects.
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (PortalClaims.UserNameOf(state.User) is not { } userName) return;
        var preference = await preferences.GetAsync(userName, cancellationToken);
        presence.Connect(circuit.Id, userName, preference.Available);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Disconnect(circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Disconnect(circuit.Id);
        return Task.CompletedTask;
    }
}

public static class PresenceServiceCollectionExtensions
{
    /// <summary>Circuits of signed-in users count as presence; the app bar's switch sets Available / Away.</summary>
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        builder.Services.AddSingleton<PresenceStatus>();
        return builder;
    }
}
