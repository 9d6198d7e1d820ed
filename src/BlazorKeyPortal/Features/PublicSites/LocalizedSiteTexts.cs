using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// A site's texts in one language: the page title, the notice above the key entry, and the invitation email's
/// subject and body templates (null where the portal's default template applies).
/// </summary>
public sealed record SiteTexts(string Title, string? Notice, string? InvitationSubject, string? InvitationBody);

/// <summary>
/// Each site's texts per language: an administrator's override for the language where one is set, field by field,
/// else the site's own. The overrides are few and read on every public page, so they are kept in memory and read
/// again whenever the catalog changes (every admin change reloads it, here and on the other instances).
/// </summary>
public sealed class LocalizedSiteTexts(IDbContextFactory<PortalDbContext> contextFactory, PortalCatalog catalog)
{
    private volatile Overrides? _loaded;

    /// <summary>The texts of <paramref name="site"/> in <paramref name="language"/> (<c>de</c>, <c>de-CH</c>, <c>ja</c>…).</summary>
    public async ValueTask<SiteTexts> ForAsync(SiteInfo site, string language, CancellationToken cancellationToken = default)
    {
        var overrides = await OverridesAsync(cancellationToken);
        overrides.Rows.TryGetValue((site.Id, LanguageOf(language)), out var own);
        return new SiteTexts(
            Pick(own?.Title) ?? site.Title,
            Pick(own?.Notice) ?? site.Notice,
            Pick(own?.InvitationSubject) ?? site.MailSubjectTemplate,
            Pick(own?.InvitationBody) ?? site.MailBodyTemplate);
    }

    /// <summary>The texts of the site with <paramref name="siteId"/>, or null when there is no such site (e.g. for an invitation email).</summary>
    public async ValueTask<SiteTexts?> ForAsync(int siteId, string language, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        return snapshot.SiteById.TryGetValue(siteId, out var site) ? await ForAsync(site, language, cancellationToken) : null;
    }

    /// <summary>The overrides a site has, one per language that has any (for the site's admin form).</summary>
    public async ValueTask<IReadOnlyList<PublicSiteText>> OverridesOfAsync(int siteId, CancellationToken cancellationToken = default)
    {
        var overrides = await OverridesAsync(cancellationToken);
        return overrides.Rows.Values.Where(r => r.SiteId == siteId).OrderBy(r => r.Language, StringComparer.Ordinal).ToList();
    }

    /// <summary>The supported language of a culture name (<c>de-CH</c> → <c>de</c>); an unknown name stays as given, lower-case.</summary>
    public static string LanguageOf(string language)
    {
        try
        {
            return PublicLanguages.Of(CultureInfo.GetCultureInfo(language)) ?? language.ToLowerInvariant();
        }
        catch (CultureNotFoundException)
        {
            return language.ToLowerInvariant();
        }
    }

    private async ValueTask<Overrides> OverridesAsync(CancellationToken cancellationToken)
    {
        // The version is read before the rows: a change saved meanwhile bumps it, so the next read loads again.
        var version = (await catalog.GetAsync(cancellationToken)).Version;
        if (_loaded is { } loaded && loaded.CatalogVersion == version) return loaded;

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PublicSiteTexts.AsNoTracking().ToListAsync(cancellationToken);
        var next = new Overrides(version, rows.ToDictionary(r => (r.SiteId, r.Language)));
        _loaded = next;
        return next;
    }

    private static string? Pick(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed record Overrides(long CatalogVersion, IReadOnlyDictionary<(int SiteId, string Language), PublicSiteText> Rows);
}
