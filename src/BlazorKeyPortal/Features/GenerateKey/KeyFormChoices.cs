using System.Globalization;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.GenerateKey;

/// <summary>A choosable value of a field and how the page shows it.</summary>
public sealed record Choice(string Value, string Text);

/// <summary>
/// What the Generate page offers this user from the current catalog: queue targets by kind, the hostnames of the
/// sites the site rules let them use, and time-to-live presets within the maximum.
/// </summary>
public sealed class KeyFormChoices(CatalogSnapshot snapshot, KeyIssuer issuer)
{
    private static readonly int[] TtlPresetSeconds = [15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600];

    public CatalogSnapshot Snapshot => snapshot;
    public KeyIssuer Issuer => issuer;

    public IReadOnlyList<Choice> Targets(QueueChoice kind) => kind switch
    {
        QueueChoice.Team => snapshot.Teams.Where(t => t.IsEnabled)
            .Select(t => new Choice(Id(t.Id), $"{t.Name} (team:{t.Id}{(t.IsPersistent ? ", persistent" : "")})")).ToList(),
        QueueChoice.Representative => snapshot.Reps.Where(r => r.IsEnabled)
            .Select(r => new Choice(Id(r.Id), $"{r.PrivateDisplayName}, {r.Username} (rep:{r.Id})")).ToList(),
        QueueChoice.RepresentativeByUsername => snapshot.Reps.Where(r => r.IsEnabled).GroupBy(r => r.Username, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Choice(g.Key, g.Count() == 1 ? $"{g.Key} ({g.First().PrivateDisplayName})" : $"{g.Key} ({g.Count()} representatives share it)")).ToList(),
        QueueChoice.Embassy => snapshot.Embassies.Where(e => e.IsEnabled)
            .Select(e => new Choice(Id(e.Id), $"{e.Name} (embassy:{e.Id})")).ToList(),
        QueueChoice.Issue => snapshot.Issues.Where(i => i.IsEnabled)
            .Select(i => new Choice(i.CodeName, $"{i.Description} (issue:{i.CodeName})")).ToList(),
        _ => [new Choice("general", "General queue")],
    };

    /// <summary>The hostnames of every enabled site this user may issue keys for, primary hostnames first.</summary>
    public IReadOnlyList<Choice> Hostnames => snapshot.Sites.Where(s => s.IsEnabled && SitePolicy.MayIssue(s, issuer))
        .SelectMany(s => s.Hostnames.Select(h => new Choice(h.Hostname, $"{s.Name}: {h.Hostname}"))).ToList();

    /// <summary>
    /// The hostname pre-selected for this user: the primary hostname of their team's default site, else of the
    /// primary site, else the first they may use.
    /// </summary>
    public string? DefaultHostname()
    {
        var allowed = Hostnames.Select(h => h.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var teamSite = issuer.TeamIds.Order().Select(id => snapshot.TeamById.GetValueOrDefault(id)?.DefaultSiteId)
            .OfType<int>().Select(id => snapshot.SiteById.GetValueOrDefault(id)).FirstOrDefault(s => s is not null && allowed.Contains(s.PrimaryHostname));
        if (teamSite is not null) return teamSite.PrimaryHostname;
        if (snapshot.PrimarySite is { } primary && allowed.Contains(primary.PrimaryHostname)) return primary.PrimaryHostname;
        return Hostnames.Count > 0 ? Hostnames[0].Value : null;
    }

    /// <summary>The first team of the user's reps, the natural queue for their own keys.</summary>
    public string? DefaultTeam() => issuer.TeamIds.Order().Where(id => snapshot.TeamById.TryGetValue(id, out var t) && t.IsEnabled)
        .Select(Id).FirstOrDefault();

    public int MaximumTtl(string? hostname) =>
        SessionKeyRequestValidator.MaximumTtl(snapshot, hostname is null ? snapshot.PrimarySite : snapshot.SiteByHostname.GetValueOrDefault(hostname)).Seconds;

    /// <summary>Presets up to <paramref name="maximum"/>, in seconds, with their names.</summary>
    public static IReadOnlyList<Choice> TtlPresets(int maximum) =>
        TtlPresetSeconds.Where(s => s < maximum).Select(s => new Choice(Id(s), Duration(s))).ToList();

    /// <summary>"15 minutes", "1 hour", "1 day 2 hours", "1 minute 30 seconds": exact, so a limit reads as it is.</summary>
    public static string Duration(int seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        var parts = new List<string>();
        if (span.Days > 0) parts.Add(Plural(span.Days, "day"));
        if (span.Hours > 0) parts.Add(Plural(span.Hours, "hour"));
        if (span.Minutes > 0) parts.Add(Plural(span.Minutes, "minute"));
        if (parts.Count == 0 || span.Seconds > 0) parts.Add(Plural(span.Seconds, "second"));
        return string.Join(' ', parts);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
