using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// In appliance mode, makes the public-site rows match <c>Appliance:PublicSites</c> at start: every key row
/// refers to its site, and history shows site names, so each configured site needs a row. A configured site
/// takes its host names from whichever row held them; rows that configuration does not name are disabled,
/// never deleted, so the history that refers to them keeps its names. Every change is audited.
/// </summary>
/// <remarks>Registered after the Development seed, whose sites and accounts it must find in place.</remarks>
public sealed class ApplianceSiteMirror(
    DatabaseWriter writer,
    PortalCatalog catalog,
    IOptions<KeyAuthorityOptions> keyAuthority,
    IOptions<ApplianceOptions> options,
    ILogger<ApplianceSiteMirror> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!keyAuthority.Value.IsAppliance) return;
        var configured = options.Value.EffectiveSites();
        var changed = await writer.WriteAsync(scope => Mirror(scope, configured), cancellationToken);
        if (changed)
        {
            logger.LogInformation("Public sites were mirrored from configuration.");
        }
        // Routing may have been read before the rows existed; either way the catalog must see them.
        await catalog.InvalidateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool Mirror(WriteScope scope, IReadOnlyList<ApplianceSite> configured)
    {
        var db = scope.Db;
        var rows = db.PublicSites.Include(s => s.Hostnames).ToList();
        var ownerOf = configured.SelectMany(s => s.Hostnames.Select(h => (Hostname: h, Site: s.Name))).ToDictionary(p => p.Hostname, p => p.Site, StringComparer.Ordinal);
        var configuredNames = configured.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        // Host names are unique across sites: release the ones that move before any site claims them.
        foreach (var row in rows)
        {
            foreach (var hostname in row.Hostnames.ToList())
            {
                var keep = ownerOf.TryGetValue(hostname.Hostname, out var owner) ? owner == row.Name : !configuredNames.Contains(row.Name);
                if (!keep) db.Remove(hostname);
            }
        }
        var released = db.ChangeTracker.HasChanges();
        db.SaveChanges();

        foreach (var site in configured)
        {
            var row = rows.FirstOrDefault(r => r.Name == site.Name);
            if (row is null)
            {
                row = new PublicSite { Name = site.Name, Title = site.Name };
                db.PublicSites.Add(row);
            }
            // Same-value assignments leave no change behind (EF compares with the loaded values), so an unchanged
            // configuration writes no audit entry.
            row.IsEnabled = true;
            row.IsPrimary = site.IsPrimary;
            for (var i = 0; i < site.Hostnames.Count; i++)
            {
                var hostname = row.Hostnames.FirstOrDefault(h => h.Hostname == site.Hostnames[i] && db.Entry(h).State is not (EntityState.Detached or EntityState.Deleted));
                if (hostname is null) row.Hostnames.Add(new PublicSiteHostname { Hostname = site.Hostnames[i], IsPrimary = i == 0 });
                else if (hostname.IsPrimary != (i == 0)) hostname.IsPrimary = i == 0;
            }
        }
        foreach (var row in rows.Where(r => !configuredNames.Contains(r.Name)))
        {
            row.IsEnabled = false;
            row.IsPrimary = false;
        }

        if (!released && !db.ChangeTracker.HasChanges()) return false;
        db.SaveChanges();
        scope.Audit(new AuditRecord("system", AuditActions.AdminChange, Details: AuditRecord.Serialize(new
        {
            change = "public_sites_from_configuration",
            sites = configured.Select(s => new { name = s.Name, hostnames = s.Hostnames, primary = s.IsPrimary }),
            disabled = rows.Where(r => !configuredNames.Contains(r.Name)).Select(r => r.Name),
        })));
        return true;
    }
}
