using System.Text.Json;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// The last routing (teams with their members) and logins read from the appliance, kept between refreshes
/// so that no request or page asks the appliance itself. A failed refresh keeps the last good data and
/// records why it failed.
/// </summary>
public sealed class ApplianceDirectory
{
    private readonly Lock _gate = new();
    private ApplianceDirectorySnapshot _current = ApplianceDirectorySnapshot.Empty;

    /// <summary>Raised after a refresh changed who is logged in.</summary>
    public event Action? LoginsChanged;

    public ApplianceDirectorySnapshot Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    /// <summary>Stores a successful read and says what changed.</summary>
    public (bool RoutingChanged, bool LoginsChanged) Apply(IReadOnlyList<ApplianceTeam> teams, IReadOnlyList<ApplianceLogin> logins, DateTimeOffset at)
    {
        lock (_gate)
        {
            var previous = _current;
            // A login without logged_in_since keeps the time it was first seen, so it does not look new on every refresh.
            var stamped = logins.Select(l => l.LoggedInSince is not null ? l
                : l with { LoggedInSince = previous.LoggedIn.FirstOrDefault(p => p.Id == l.Id)?.LoggedInSince ?? at }).ToList();
            _current = new ApplianceDirectorySnapshot(teams, stamped, at, previous.LastFailureAt, previous.LastFailure);
            return (Fingerprint(RoutingOf(previous)) != Fingerprint(RoutingOf(_current)), Fingerprint(previous.LoggedIn) != Fingerprint(stamped));
        }
    }

    /// <summary>Records a failed read; the last good data stays.</summary>
    public void RecordFailure(string reason, DateTimeOffset at)
    {
        lock (_gate) _current = _current with { LastFailureAt = at, LastFailure = reason };
    }

    /// <summary>Tells listeners that logins changed; called once the catalog reflects the same refresh.</summary>
    public void NotifyLoginsChanged() => LoginsChanged?.Invoke();

    /// <summary>Routing is the teams plus the reps known only from logins (their names appear in the catalog).</summary>
    private static object RoutingOf(ApplianceDirectorySnapshot snapshot) =>
        new { snapshot.Teams, Reps = snapshot.LoggedIn.Select(l => new { l.Id, l.PublicDisplayName, l.PrivateDisplayName }) };

    private static string Fingerprint(object value) => JsonSerializer.Serialize(value);
}

/// <summary>What the portal knows of the appliance's routing and logins, and when it last read them.</summary>
/// <param name="LoadedAt">When the last successful read finished; null until the first one.</param>
public sealed record ApplianceDirectorySnapshot(
    IReadOnlyList<ApplianceTeam> Teams,
    IReadOnlyList<ApplianceLogin> LoggedIn,
    DateTimeOffset? LoadedAt,
    DateTimeOffset? LastFailureAt,
    string? LastFailure)
{
    public static readonly ApplianceDirectorySnapshot Empty = new([], [], null, null, null);
}
