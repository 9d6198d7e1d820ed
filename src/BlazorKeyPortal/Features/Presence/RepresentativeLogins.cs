using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>
/// Who is logged in, wherever that is known: the portal's own circuits (embedded) or the appliance's
/// <c>get_logged_in_reps</c> (appliance mode). Availability and <c>get_logged_in_reps</c> read this, so they
/// work the same in both modes; pages that show availability listen to <see cref="Changed"/>.
/// </summary>
public interface IRepresentativeLogins
{
    /// <summary>Raised after any change of who is logged in.</summary>
    event Action? Changed;

    /// <summary>The representatives logged in now, with the time since when, resolved against <paramref name="snapshot"/>.</summary>
    IReadOnlyDictionary<int, DateTimeOffset> LoggedInReps(CatalogSnapshot snapshot);
}

/// <summary>The embedded default: presence of portal users on their circuits (<see cref="RepresentativePresence"/>).</summary>
public sealed class PortalRepresentativeLogins(RepresentativePresence presence) : IRepresentativeLogins
{
    public event Action? Changed
    {
        add => presence.Changed += value;
        remove => presence.Changed -= value;
    }

    public IReadOnlyDictionary<int, DateTimeOffset> LoggedInReps(CatalogSnapshot snapshot) => presence.LoggedInReps(snapshot);
}
