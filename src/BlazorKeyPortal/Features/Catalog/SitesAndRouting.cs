using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Catalog;

/// <summary>The part of a catalog that depends on the key authority: public sites and routing.</summary>
public sealed record SitesAndRouting(
    IReadOnlyList<SiteInfo> Sites,
    IReadOnlyList<RepInfo> Reps,
    IReadOnlyList<TeamInfo> Teams,
    IReadOnlyList<EmbassyInfo> Embassies,
    IReadOnlyList<IssueInfo> Issues);

/// <summary>
/// Where the catalog's public sites and routing (representatives, teams, embassies, issues) come from:
/// the portal database for the embedded authority, the appliance and configuration in appliance mode.
/// Everything else in the catalog (skills, custom fields, API accounts, settings) is the portal's own.
/// </summary>
public interface ISitesAndRoutingSource
{
    /// <summary>Reads sites and routing; <paramref name="db"/> is the catalog's context for this load.</summary>
    Task<SitesAndRouting> LoadAsync(PortalDbContext db, IReadOnlyList<ApiAccountInfo> apiAccounts, CancellationToken cancellationToken);
}

/// <summary>Sites and routing as administrators keep them in the portal database (the embedded default).</summary>
public sealed class DatabaseSitesAndRoutingSource : ISitesAndRoutingSource
{
    public async Task<SitesAndRouting> LoadAsync(PortalDbContext db, IReadOnlyList<ApiAccountInfo> apiAccounts, CancellationToken cancellationToken)
    {
        var sites = await db.PublicSites.AsNoTracking().AsSplitQuery()
            .Include(s => s.Hostnames).Include(s => s.AllowedTeams).Include(s => s.AllowedApiAccounts)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var reps = await db.Representatives.AsNoTracking().AsSplitQuery()
            .Include(r => r.Teams).Include(r => r.Embassies).Include(r => r.Skills)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var teams = await db.SupportTeams.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var embassies = await db.Embassies.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var issues = await db.SupportIssues.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);

        var membersByTeam = reps.SelectMany(r => r.Teams.Select(t => (t.Id, Rep: r.Id))).ToLookup(p => p.Id, p => p.Rep);
        var membersByEmbassy = reps.SelectMany(r => r.Embassies.Select(e => (e.Id, Rep: r.Id))).ToLookup(p => p.Id, p => p.Rep);

        return new SitesAndRouting(
            sites.Select(s => new SiteInfo(
                s.Id, s.Name, s.IsPrimary, s.IsEnabled, s.Title, s.Color, s.Notice, s.MailSubjectTemplate, s.MailBodyTemplate,
                s.RestrictToTeams, s.AllowedTeams.Select(t => t.Id).ToHashSet(),
                s.RestrictToApiAccounts, s.AllowedApiAccounts.Select(a => a.Id).ToHashSet(),
                s.MaxTtlSeconds, s.ExternalKeyRequired, s.ExternalKeyPattern,
                s.Hostnames.OrderByDescending(h => h.IsPrimary).ThenBy(h => h.Id).Select(h => new HostnameInfo(h.Hostname, h.IsPrimary)).ToList())
                { DefaultLanguage = s.DefaultLanguage })
                .Where(s => s.Hostnames.Count > 0).ToList(),
            reps.Select(r => new RepInfo(r.Id, r.Username, r.PublicDisplayName, r.PrivateDisplayName, r.PortalUserName, r.IsEnabled,
                r.Teams.Select(t => t.Id).Order().ToList(), r.Embassies.Select(e => e.Id).Order().ToList(),
                r.Skills.Select(s => s.CodeName).Order().ToList())).ToList(),
            teams.Select(t => new TeamInfo(t.Id, t.CodeName, t.Name, t.IsPersistent, t.IsEnabled, t.DefaultSiteId, membersByTeam[t.Id].ToList())).ToList(),
            embassies.Select(e => new EmbassyInfo(e.Id, e.Name, e.IsPersistent, e.IsEnabled, membersByEmbassy[e.Id].ToList())).ToList(),
            issues.Select(i => new IssueInfo(i.Id, i.CodeName, i.Description, i.TeamId, i.IsEnabled)).ToList());
    }
}
