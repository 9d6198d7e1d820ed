using System.Security.Claims;
using BlazorKeyPortal.Features.Preferences;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>
/// Turns portal circuits into presence: a connected circuit of a signed-in user counts in
/// <see cref="RepresentativePresence"/> with the user's remembered Available / Away status; a disconnected or
/// closed one stops counting.
/// </summary>
public sealed class CircuitPresence(RepresentativePresence presence, UserPreferenceStore preferences)
{
    public async Task ConnectAsync(string circuitId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (PortalClaims.UserNameOf(user) is not { } userName) return;
        var preference = await preferences.GetAsync(userName, cancellationToken);
        presence.Connect(circuitId, userName, preference.Available);
    }

    public void Disconnect(string circuitId) => presence.Disconnect(circuitId);
}

/// <summary>Reports this circuit's connection to <see cref="CircuitPresence"/>.</summary>
internal sealed class PresenceCircuitHandler(AuthenticationStateProvider authentication, CircuitPresence presence) : CircuitHandler
{
    // A circuit whose connection dropped (browser closed or crashed, network gone) stops counting at once rather
    // than after the server's retention period; it counts again when it reconnects.
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await presence.ConnectAsync(circuit.Id, state.User, cancellationToken);
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
