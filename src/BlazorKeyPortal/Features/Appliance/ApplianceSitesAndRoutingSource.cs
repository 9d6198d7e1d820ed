using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// Sites and routing in appliance mode: teams and representatives as the appliance last reported them
/// (<see cref="ApplianceDirectory"/>), public sites, embassies and issues from configuration. A portal user
/// acts as the appliance representatives with the same username. Each configured site is mirrored into the
/// database (<see cref="ApplianceSiteMirror"/>) so that keys can refer to it; its rules live in configuration.
/// </summary>
public sealed class ApplianceSitesAndRoutingSource(ApplianceDirectory directory, IOptions<ApplianceOptions> options) : ISitesAndRoutingSource
{
    private const string DefaultColor = "#1565c0";

    public async Task<SitesAndRouting> LoadAsync(PortalDbContext db, IReadOnlyList<ApiAccountInfo> apiAccounts, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var current = directory.Current;

        var teams = current.Teams
            .Select(t => new TeamInfo(t.Id, t.CodeName, t.Name, t.IsPersistent, true, null, t.Members.Select(m => m.Id).Distinct().ToList()))
            .ToList();
        var teamIdByCode = current.Teams.Where(t => t.CodeName.Length > 0).GroupBy(t => t.CodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

        var sites = await SitesAsync(db, settings, teamIdByCode, apiAccounts, cancellationToken);
        var embassies = settings.Embassies.Select(e => new EmbassyInfo(e.Id, e.Name, e.Persistent, true, [])).ToList();
        // An issue whose team the appliance does not report routes nowhere; the queue resolver says so.
        var issues = settings.Issues.Select((i, index) => new IssueInfo(index + 1, i.CodeName, i.Description ?? i.CodeName,
            teamIdByCode.GetValueOrDefault(i.Team), true)).ToList();
        return new SitesAndRouting(sites, Reps(current), teams, embassies, issues);
    }

    /// <summary>Team members, plus logged-in representatives that are in no team (the command API lists no one else).</summary>
    private static List<RepInfo> Reps(ApplianceDirectorySnapshot current)
    {
        var members = current.Teams.SelectMany(t => t.Members.Select(m => (Team: t.Id, Rep: m))).ToList();
        var reps = members.GroupBy(m => m.Rep.Id).Select(g =>
        {
            var rep = g.First().Rep;
            return new RepInfo(rep.Id, rep.Username, rep.PublicDisplayName, rep.PrivateDisplayName, rep.Username.Length > 0 ? rep.Username : null,
                true, g.Select(m => m.Team).Distinct().Order().ToList(), [], []);
        }).ToList();
        var known = reps.Select(r => r.Id).ToHashSet();
        reps.AddRange(current.LoggedIn.Where(l => !known.Contains(l.Id))
            .Select(l => new RepInfo(l.Id, "", l.PublicDisplayName, l.PrivateDisplayName, null, true, [], [], [])));
        return reps.OrderBy(r => r.Id).ToList();
    }

    private static async Task<List<SiteInfo>> SitesAsync(PortalDbContext db, ApplianceOptions settings, Dictionary<string, int> teamIdByCode,
        IReadOnlyList<ApiAccountInfo> apiAccounts, CancellationToken cancellationToken)
    {
        var configured = settings.EffectiveSites();
        var names = configured.Select(s => s.Name).ToList();
        var rows = await db.PublicSites.AsNoTracking().Where(s => names.Contains(s.Name))
            .Select(s => new { s.Id, s.Name, s.Title, s.Color, s.Notice }).ToListAsync(cancellationToken);
        var accountIdByClient = apiAccounts.ToDictionary(a => a.ClientId, a => a.Id, StringComparer.Ordinal);

        var sites = new List<SiteInfo>();
        foreach (var site in configured)
        {
            // Not mirrored yet (the mirror runs at start and reloads the catalog when done).
            if (rows.FirstOrDefault(r => r.Name == site.Name) is not { } row) continue;

            // A rule naming a team or account that does not exist allows no one rather than everyone.
            var allowedTeams = site.AllowedTeams.Where(teamIdByCode.ContainsKey).Select(c => teamIdByCode[c]).ToHashSet();
            var allowedAccounts = site.AllowedApiAccounts.Where(accountIdByClient.ContainsKey).Select(c => accountIdByClient[c]).ToHashSet();
            sites.Add(new SiteInfo(
                row.Id, site.Name, site.IsPrimary, true, string.IsNullOrWhiteSpace(row.Title) ? site.Name : row.Title,
                string.IsNullOrWhiteSpace(row.Color) ? DefaultColor : row.Color, row.Notice,
                // The appliance writes the invitation; the portal shows the appliance's text.
                null, null,
                site.AllowedTeams.Count > 0, allowedTeams, site.AllowedApiAccounts.Count > 0, allowedAccounts,
                site.MaxTtlSeconds, site.ExternalKeyRequired, site.ExternalKeyPattern,
                site.Hostnames.Select((h, i) => new HostnameInfo(h, i == 0)).ToList()));
        }
        return sites;
    }
}
