using BlazorKeyPortal.Data.Entities;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Administration.Sites;

/// <summary>Creates and changes public sites. Sites that keys refer to are disabled, never deleted.</summary>
public sealed class SiteAdministration(AdminChanges changes, IValidator<SiteForm> validator)
{
    public const string SubjectType = "public_site";

    public Task<AdminResult> SaveAsync(string actor, SiteForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, SubjectType, form, validator, scope =>
        {
            var db = scope.Db;
            var site = form.Id is int id
                ? db.PublicSites.Include(s => s.Hostnames).Include(s => s.AllowedTeams).Include(s => s.AllowedApiAccounts).Single(s => s.Id == id)
                : db.PublicSites.Add(new PublicSite { Name = "", Title = "" }).Entity;
            var before = form.Id is null ? null : Describe(site, db.PublicSiteTexts.Where(t => t.SiteId == site.Id).ToList());

            site.Name = form.Name.Trim();
            site.IsPrimary = form.IsPrimary;
            site.IsEnabled = form.IsEnabled;
            site.Title = form.Title.Trim();
            site.Color = form.Color;
            site.Notice = Blank(form.Notice);
            site.DefaultLanguage = Blank(form.DefaultLanguage);
            site.MailSubjectTemplate = Blank(form.MailSubjectTemplate);
            site.MailBodyTemplate = Blank(form.MailBodyTemplate);
            site.RestrictToTeams = form.RestrictToTeams;
            site.RestrictToApiAccounts = form.RestrictToApiAccounts;
            site.MaxTtlSeconds = form.MaxTtlSeconds;
            site.ExternalKeyRequired = form.ExternalKeyRequired;
            site.ExternalKeyPattern = Blank(form.ExternalKeyPattern);
            site.AllowedTeams = db.SupportTeams.Where(t => form.AllowedTeamIds.Contains(t.Id)).ToList();
            site.AllowedApiAccounts = db.ApiAccounts.Where(a => form.AllowedApiAccountIds.Contains(a.Id)).ToList();

            // Hostnames are replaced as a set; removed ones go first so a name can move between rows.
            var wanted = form.Hostnames.Select(h => (Name: h.Hostname.Trim().ToLowerInvariant(), h.IsPrimary)).ToList();
            db.PublicSiteHostnames.RemoveRange(site.Hostnames.Where(h => wanted.All(w => w.Name != h.Hostname)));
            db.SaveChanges();
            foreach (var (name, isPrimary) in wanted)
            {
                var existing = site.Hostnames.FirstOrDefault(h => h.Hostname == name);
                if (existing is null) site.Hostnames.Add(new PublicSiteHostname { Hostname = name, IsPrimary = isPrimary });
                else existing.IsPrimary = isPrimary;
            }

            var languages = SaveLanguages(db, site, form.Languages);

            if (form.IsPrimary)
            {
                foreach (var other in db.PublicSites.Where(s => s.IsPrimary && s.Id != site.Id)) other.IsPrimary = false;
            }
            db.SaveChanges();
            if (!db.PublicSites.Any(s => s.IsPrimary))
            {
                throw new AdminRefusalException(nameof(SiteForm.IsPrimary), "There must be one primary site: make another site primary instead.");
            }
            return new ChangeRecord(site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before is null ? "created" : "updated", before, Describe(site, languages));
        }, cancellationToken: cancellationToken);

    /// <summary>Enables or disables a site; the primary site stays enabled.</summary>
    public Task<AdminResult> SetEnabledAsync(string actor, int siteId, bool enabled, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, SubjectType, scope =>
        {
            var site = scope.Db.PublicSites.Single(s => s.Id == siteId);
            if (!enabled && site.IsPrimary) throw new AdminRefusalException(nameof(SiteForm.IsEnabled), "The primary site cannot be disabled.");
            var before = new { site.IsEnabled };
            site.IsEnabled = enabled;
            return new ChangeRecord(siteId.ToString(System.Globalization.CultureInfo.InvariantCulture), enabled ? "enabled" : "disabled", before, new { site.IsEnabled });
        }, cancellationToken: cancellationToken);

    /// <summary>Replaces the site's texts per language with the filled-in ones of the form; returns them for the audit entry.</summary>
    private static List<PublicSiteText> SaveLanguages(Data.PortalDbContext db, PublicSite site, IReadOnlyList<SiteLanguageForm> forms)
    {
        var existing = site.Id == 0 ? [] : db.PublicSiteTexts.Where(t => t.SiteId == site.Id).ToList();
        var kept = new List<PublicSiteText>();
        foreach (var form in forms)
        {
            var row = existing.FirstOrDefault(t => t.Language == form.Language);
            if (form.IsEmpty)
            {
                if (row is not null) db.PublicSiteTexts.Remove(row);
                continue;
            }
            row ??= db.PublicSiteTexts.Add(new PublicSiteText { Site = site, Language = form.Language }).Entity;
            row.Title = Blank(form.Title);
            row.Notice = Blank(form.Notice);
            row.InvitationSubject = Blank(form.InvitationSubject);
            row.InvitationBody = Blank(form.InvitationBody);
            kept.Add(row);
        }
        return kept;
    }

    private static object Describe(PublicSite site, IEnumerable<PublicSiteText> languages) => new
    {
        site.Name, site.IsPrimary, site.IsEnabled, site.Title, site.Color, site.Notice, site.MailSubjectTemplate, site.MailBodyTemplate,
        Hostnames = site.Hostnames.OrderByDescending(h => h.IsPrimary).Select(h => h.Hostname).ToList(),
        site.RestrictToTeams, AllowedTeams = site.AllowedTeams.Select(t => t.Id).Order().ToList(),
        site.RestrictToApiAccounts, AllowedApiAccounts = site.AllowedApiAccounts.Select(a => a.Id).Order().ToList(),
        site.MaxTtlSeconds, site.ExternalKeyRequired, site.ExternalKeyPattern, site.DefaultLanguage,
        Languages = languages.OrderBy(t => t.Language, StringComparer.Ordinal)
            .Select(t => new { t.Language, t.Title, t.Notice, t.InvitationSubject, t.InvitationBody }).ToList(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
