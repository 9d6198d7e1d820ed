using BlazorKeyPortal.Features.Preferences;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>The Available / Away switch: takes effect at once for every page and API caller, and is remembered.</summary>
public sealed class PresenceStatus(RepresentativePresence presence, UserPreferenceStore preferences)
{
    public async Task SetAvailableAsync(string userName, bool available, CancellationToken cancellationToken = default)
    {
        presence.SetAvailable(userName, available);
        await preferences.SaveAsync(userName, p => p.Available = available, cancellationToken);
    }
}
