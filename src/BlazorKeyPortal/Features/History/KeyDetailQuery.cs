using BlazorKeyPortal.Features.SessionKeys;
using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.History;

/// <summary>Reads one key with its session, audit entries and timeline.</summary>
public sealed class KeyDetailQuery(IDbContextFactory<PortalDbContext> contextFactory, PortalCatalog catalog, TimeProvider time)
{
    /// <summary>More audit entries than this about one key would be an attack on the page, not a history.</summary>
    private const int MaxAuditEntries = 500;

    /// <summary>The key's detail, or null when there is no key <paramref name="id"/>.</summary>
    public async Task<KeyDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        var key = await db.SessionKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return null;
        var session = await db.SupportSessions.AsNoTracking().SingleOrDefaultAsync(s => s.SessionKeyId == id, cancellationToken);

        var keySubject = id.ToString(CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectType == AuditSubjects.SessionKey && e.SubjectId == keySubject)
            .OrderBy(e => e.Sequence).Take(MaxAuditEntries).ToListAsync(cancellationToken);
        if (session is not null)
        {
            var sessionSubject = session.Id.ToString(CultureInfo.InvariantCulture);
            audit.AddRange(await db.AuditEntries.AsNoTracking()
                .Where(e => e.SubjectType == AuditSubjects.SupportSession && e.SubjectId == sessionSubject)
                .OrderBy(e => e.Sequence).Take(MaxAuditEntries).ToListAsync(cancellationToken));
            audit.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        var names = new KeyNames(
            SiteName(snapshot, key.SiteId),
            key.RedeemedSiteId is { } redeemedSiteId ? SiteName(snapshot, redeemedSiteId) : session is null ? null : SiteName(snapshot, session.SiteId),
            key.QueueTeamId is { } teamId ? snapshot.TeamById.GetValueOrDefault(teamId)?.Name : null,
            key.ApiAccountId is { } accountId ? snapshot.ApiAccounts.FirstOrDefault(a => a.Id == accountId)?.Name : null);
        var state = KeyStates.Of(key, now);
        return new KeyDetail(key, session, state, KeyTimeline.Build(key, session, audit, names, state), audit, names, now);
    }

    /// <summary>A site's name, or its id when the site has since been removed from the catalog.</summary>
    public static string SiteName(CatalogSnapshot snapshot, int siteId) =>
        snapshot.SiteById.GetValueOrDefault(siteId)?.Name ?? $"site {siteId}";
}
