using System.Net;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Instances;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Catalog;

/// <summary>
/// Serves the current <see cref="CatalogSnapshot"/>. The snapshot is read from the database once and
/// again after every <see cref="InvalidateAsync"/>, so a change an administrator saves reaches the command API
/// and every open page at once, without a query per request. Sites and routing come from
/// <see cref="ISitesAndRoutingSource"/> (the database, or the appliance in appliance mode).
/// </summary>
public sealed class PortalCatalog(IDbContextFactory<PortalDbContext> contextFactory, ISitesAndRoutingSource sitesAndRouting, IInstanceBus instances) : IDisposable
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

    /// <summary>Drops the snapshot after a change, loads the next one and tells every listener, here and on the other instances.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        await ReloadAsync(cancellationToken);
        instances.Publish(InstanceTopic.CatalogChanged);
    }

    /// <summary>Loads the next snapshot and tells this instance's listeners only (another instance made the change and told the rest).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
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
        var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var accounts = await db.ApiAccounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new PortalSettings();
        var accountInfos = accounts.Select(a => new ApiAccountInfo(a.Id, a.Name, a.ClientId, a.CommandPermission, ParseNetworks(a.AllowedNetworks), a.IsEnabled)).ToList();
        var routing = await sitesAndRouting.LoadAsync(db, accountInfos, cancellationToken);

        return new CatalogSnapshot(
            Interlocked.Increment(ref _version),
            routing.Sites,
            routing.Reps,
            routing.Teams,
            routing.Embassies,
            routing.Issues,
            skills.Select(s => new SkillInfo(s.Id, s.CodeName, s.Name, s.IsEnabled)).ToList(),
            fields.Select(f => new CustomFieldInfo(f.Id, f.CodeName, f.DisplayName, f.IsEnabled)).ToList(),
            accountInfos,
            new SettingsInfo(settings.MaxSessionKeyTimeoutSeconds, settings.ShortKeyAlphabet));
    }

    /// <summary>Parses one CIDR prefix per line (or comma); entries were validated when saved.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string text) =>
        text.Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPNetwork.Parse).ToList();
}
