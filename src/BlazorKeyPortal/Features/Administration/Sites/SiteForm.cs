using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.Administration.Sites;

/// <summary>The public-site form: name, hostnames, look, invitation templates and the site's rules.</summary>
public sealed class SiteForm
{
    /// <summary>Null for a new site.</summary>
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsPrimary { get; set; }
    public bool IsEnabled { get; set; } = true;
    public string Title { get; set; } = "";
    public string Color { get; set; } = "#1565c0";
    public string? Notice { get; set; }
    public string? MailSubjectTemplate { get; set; }
    public string? MailBodyTemplate { get; set; }
    public List<HostnameForm> Hostnames { get; set; } = [];
    public bool RestrictToTeams { get; set; }
    public HashSet<int> AllowedTeamIds { get; set; } = [];
    public bool RestrictToApiAccounts { get; set; }
    public HashSet<int> AllowedApiAccountIds { get; set; } = [];
    public int? MaxTtlSeconds { get; set; }
    public bool ExternalKeyRequired { get; set; }
    public string? ExternalKeyPattern { get; set; }
    /// <summary>The public pages' language for browsers that ask for none they speak; null for English.</summary>
    public string? DefaultLanguage { get; set; }
    /// <summary>The title, notice and invitation per language of the public pages (see <see cref="SiteLanguageForm"/>).</summary>
    public List<SiteLanguageForm> Languages { get; set; } = SiteLanguageForm.ForEveryLanguage([]);

    /// <summary>A form holding <paramref name="site"/> as it is now.</summary>
    public static SiteForm From(SiteInfo site) => new()
    {
        Id = site.Id,
        Name = site.Name,
        IsPrimary = site.IsPrimary,
        IsEnabled = site.IsEnabled,
        Title = site.Title,
        Color = site.Color,
        Notice = site.Notice,
        MailSubjectTemplate = site.MailSubjectTemplate,
        MailBodyTemplate = site.MailBodyTemplate,
        Hostnames = site.Hostnames.Select(h => new HostnameForm { Hostname = h.Hostname, IsPrimary = h.IsPrimary }).ToList(),
        RestrictToTeams = site.RestrictToTeams,
        AllowedTeamIds = [.. site.AllowedTeamIds],
        RestrictToApiAccounts = site.RestrictToApiAccounts,
        AllowedApiAccountIds = [.. site.AllowedApiAccountIds],
        MaxTtlSeconds = site.MaxTtlSeconds,
        ExternalKeyRequired = site.ExternalKeyRequired,
        ExternalKeyPattern = site.ExternalKeyPattern,
        DefaultLanguage = site.DefaultLanguage,
    };
}

public sealed class HostnameForm
{
    public string Hostname { get; set; } = "";
    public bool IsPrimary { get; set; }
}
