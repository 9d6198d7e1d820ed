using System.Net;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Catalog;

/// <summary>
/// Serves the current <see cref="CatalogSnapshot"/>. The snapshot is read from the database once and
/// again after every <see cref="Invalidate"/>, so a change an administrator saves reaches the command API
/// and every open page at once, without a query per request.
/// </summary>
public sealed class PortalCatalog(IDbContextFactory<PortalDbContext> contextFactory) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile CatalogSnapshot? _current;
    private long _version;

    /// <summary>Raised after a new snapshot has been loaded following a change.</summary>
    public event Action<CatalogSnapshot>? Changed;

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        if (current is not null) return current;

        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _current ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Drops the snapshot after a change, loads the next one and tells every listener.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        CatalogSnapshot next;
        try
        {
            next = await LoadAsync(cancellationToken);
            _current = next;
        }
        finally
        {
            _loading.Release();
        }
        Changed?.Invoke(next);
    }

    public void Dispose() => _loading.Dispose();

    private async Task<CatalogSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var sites = await db.PublicSites.AsNoTracking().AsSplitQuery()
            .Include(s => s.Hostnames).Include(s => s.AllowedTeams).Include(s => s.AllowedApiAccounts)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var reps = await db.Representatives.AsNoTracking().AsSplitQuery()
            .Include(r => r.Teams).Include(r => r.Embassies).Include(r => r.Skills)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var teams = await db.SupportTeams.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var embassies = await db.Embassies.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var issues = await db.SupportIssues.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var accounts = await db.ApiAccounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new PortalSettings();

        var membersByTeam = reps.SelectMany(r => r.Teams.Select(t => (t.Id, Rep: r.Id))).ToLookup(p => p.Id, p => p.Rep);
        var membersByEmbassy = reps.SelectMany(r => r.Embassies.Select(e => (e.Id, Rep: r.Id))).ToLookup(p => p.Id, p => p.Rep);

        return new CatalogSnapshot(
            Interlocked.Increment(ref _version),
            sites.Select(s => new SiteInfo(
                s.Id, s.Name, s.IsPrimary, s.IsEnabled, s.Title, s.Color, s.Notice, s.MailSubjectTemplate, s.MailBodyTemplate,
                s.RestrictToTeams, s.AllowedTeams.Select(t => t.Id).ToHashSet(),
                s.RestrictToApiAccounts, s.AllowedApiAccounts.Select(a => a.Id).ToHashSet(),
                s.MaxTtlSeconds, s.ExternalKeyRequired, s.ExternalKeyPattern,
                s.Hostnames.OrderByDescending(h => h.IsPrimary).ThenBy(h => h.Id).Select(h => new HostnameInfo(h.Hostname, h.IsPrimary)).ToList()))
                .Where(s => s.Hostnames.Count > 0).ToList(),
            reps.Select(r => new RepInfo(r.Id, r.Username, r.PublicDisplayName, r.PrivateDisplayName, r.PortalUserName, r.IsEnabled,
                r.Teams.Select(t => t.Id).Order().ToList(), r.Embassies.Select(e => e.Id).Order().ToList(),
                r.Skills.Select(s => s.CodeName).Order().ToList())).ToList(),
            teams.Select(t => new TeamInfo(t.Id, t.CodeName, t.Name, t.IsPersistent, t.IsEnabled, t.DefaultSiteId, membersByTeam[t.Id].ToList())).ToList(),
            embassies.Select(e => new EmbassyInfo(e.Id, e.Name, e.IsPersistent, e.IsEnabled, membersByEmbassy[e.Id].ToList())).ToList(),
            issues.Select(i => new IssueInfo(i.Id, i.CodeName, i.Description, i.TeamId, i.IsEnabled)).ToList(),
            skills.Select(s => new SkillInfo(s.Id, s.CodeName, s.Name, s.IsEnabled)).ToList(),
            fields.Select(f => new CustomFieldInfo(f.Id, f.CodeName, f.DisplayName, f.IsEnabled)).ToList(),
            accounts.Select(a => new ApiAccountInfo(a.Id, a.Name, a.ClientId, a.CommandPermission, ParseNetworks(a.AllowedNetworks), a.IsEnabled)).ToList(),
            new SettingsInfo(settings.MaxSessionKeyTimeoutSeconds, settings.ShortKeyAlphabet));
    }

    /// <summary>Parses one CIDR prefix per line (or comma); entries were validated when saved.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string text) =>
        text.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPNetwork.Parse).ToList();
}
