using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.Presence;

/// <summary>
/// Who is logged in, as the source document means it: a portal user linked to a representative counts
/// as logged in while at least one of their circuits is open and their status is Available.
/// Holds no per-user data beyond that presence; every change raises <see cref="Changed"/> at once. With several
/// instances, the users present on the others are handed in through <see cref="SetOtherInstances"/> and count too.
/// </summary>
public sealed class RepresentativePresence(PortalCatalog catalog, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserPresence> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _circuitUsers = new(StringComparer.Ordinal);
    private IReadOnlyList<PresentUser> _otherInstances = [];

    /// <summary>Raised after any change of who is logged in (also for status switches), here or on another instance.</summary>
    public event Action? Changed;

    /// <summary>Raised after a change of this instance's own circuits or switches, for telling the other instances.</summary>
    public event Action? ChangedHere;

    /// <summary>A circuit of <paramref name="userName"/> opened.</summary>
    public void Connect(string circuitId, string userName, bool available = true)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userName, out var user))
            {
                user = new UserPresence { Available = available };
                _users[userName] = user;
            }
            if (user.Circuits.Count == 0) user.Since = time.GetUtcNow();
            user.Circuits.Add(circuitId);
            _circuitUsers[circuitId] = userName;
        }
        ChangedHere?.Invoke();
        Changed?.Invoke();
    }

    /// <summary>A circuit closed (the tab, the connection or the sign-in ended).</summary>
    public void Disconnect(string circuitId)
    {
        lock (_gate)
        {
            if (!_circuitUsers.Remove(circuitId, out var userName)) return;
            if (_users.TryGetValue(userName, out var user))
            {
                user.Circuits.Remove(circuitId);
                if (user.Circuits.Count == 0) _users.Remove(userName);
            }
        }
        ChangedHere?.Invoke();
        Changed?.Invoke();
    }

    /// <summary>The app bar's Available / Away switch.</summary>
    public void SetAvailable(string userName, bool available)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userName, out var user) || user.Available == available) return;
            user.Available = available;
            user.Since = time.GetUtcNow();
        }
        ChangedHere?.Invoke();
        Changed?.Invoke();
    }

    /// <summary>The users with an open circuit here, with their status: what this instance tells the others.</summary>
    public IReadOnlyList<PresentUser> UsersHere()
    {
        lock (_gate)
        {
            return _users.Where(u => u.Value.Circuits.Count > 0).Select(u => new PresentUser(u.Key, u.Value.Available, u.Value.Since)).ToList();
        }
    }

    /// <summary>The users present on the other instances (empty when they cannot be read).</summary>
    public void SetOtherInstances(IReadOnlyList<PresentUser> users)
    {
        var before = Volatile.Read(ref _otherInstances);
        Volatile.Write(ref _otherInstances, users);
        if (!before.SequenceEqual(users)) Changed?.Invoke();
    }

    /// <summary>Whether <paramref name="userName"/> is Available (true while not connected).</summary>
    public bool IsAvailable(string userName)
    {
        lock (_gate)
        {
            return !_users.TryGetValue(userName, out var user) || user.Available;
        }
    }

    /// <summary>The representatives logged in now, with the time since when.</summary>
    public async ValueTask<IReadOnlyDictionary<int, DateTimeOffset>> LoggedInRepsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        return LoggedInReps(snapshot);
    }

    /// <summary>The representatives logged in now, resolved against <paramref name="snapshot"/>.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> LoggedInReps(CatalogSnapshot snapshot)
    {
        var result = new Dictionary<int, DateTimeOffset>();
        lock (_gate)
        {
            foreach (var (userName, user) in _users)
            {
                if (user.Circuits.Count == 0 || !user.Available) continue;
                Add(result, snapshot, userName, user.Since);
            }
        }
        foreach (var other in Volatile.Read(ref _otherInstances))
        {
            if (other.Available) Add(result, snapshot, other.UserName, other.Since);
        }
        return result;
    }

    private static void Add(Dictionary<int, DateTimeOffset> result, CatalogSnapshot snapshot, string userName, DateTimeOffset userSince)
    {
        foreach (var rep in snapshot.RepsByPortalUser[userName])
        {
            if (rep.IsEnabled && (!result.TryGetValue(rep.Id, out var since) || userSince < since))
            {
                result[rep.Id] = userSince;
            }
        }
    }

    private sealed class UserPresence
    {
        public HashSet<string> Circuits { get; } = new(StringComparer.Ordinal);
        public bool Available { get; set; } = true;
        public DateTimeOffset Since { get; set; }
    }
}

/// <summary>A user with at least one open circuit on some instance, and their Available / Away status.</summary>
public sealed record PresentUser(string UserName, bool Available, DateTimeOffset Since);
