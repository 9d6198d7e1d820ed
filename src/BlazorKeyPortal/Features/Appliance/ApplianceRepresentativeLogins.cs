using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>Who is logged in, in appliance mode: the appliance's <c>get_logged_in_reps</c> as last read.</summary>
public sealed class ApplianceRepresentativeLogins(ApplianceDirectory directory) : IRepresentativeLogins
{
    public event Action? Changed
    {
        add => directory.LoginsChanged += value;
        remove => directory.LoginsChanged -= value;
    }

    public IReadOnlyDictionary<int, DateTimeOffset> LoggedInReps(CatalogSnapshot snapshot)
    {
        var current = directory.Current;
        var loggedIn = new Dictionary<int, DateTimeOffset>();
        foreach (var login in current.LoggedIn)
        {
            loggedIn[login.Id] = login.LoggedInSince ?? current.LoadedAt ?? DateTimeOffset.UnixEpoch;
        }
        return loggedIn;
    }
}
