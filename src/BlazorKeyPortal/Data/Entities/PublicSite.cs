namespace BlazorKeyPortal.Data.Entities;

/// <summary>A public site: where customers enter keys. Owns one or more hostnames and the rules for issuing keys on it.</summary>
public sealed class PublicSite
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Exactly one site is primary; its primary hostname is the default <c>url_hostname</c>.</summary>
    public bool IsPrimary { get; set; }
    public bool IsEnabled { get; set; } = true;

    // Look of the site's public pages.
    public required string Title { get; set; }
    public string Color { get; set; } = "#1565c0";
    public string? Notice { get; set; }
    /// <summary>
    /// The language of the public pages when the customer's browser asks for none that they speak (a code of
    /// <c>PublicLanguages</c>); null for English.
    /// </summary>
    public string? DefaultLanguage { get; set; }

    // Invitation templates; placeholders {key_url}, {short_key}, {expires}.
    public string? MailSubjectTemplate { get; set; }
    public string? MailBodyTemplate { get; set; }

    // Site rules, enforced by the key service for every caller.
    /// <summary>When true only members of <see cref="AllowedTeams"/> may issue keys for this site from the portal.</summary>
    public bool RestrictToTeams { get; set; }
    /// <summary>When true only <see cref="AllowedApiAccounts"/> may issue keys for this site through the command API.</summary>
    public bool RestrictToApiAccounts { get; set; }
    /// <summary>A site's own ceiling on ttl, below the global maximum session key timeout.</summary>
    public int? MaxTtlSeconds { get; set; }
    public bool ExternalKeyRequired { get; set; }
    /// <summary>A regular expression the whole external key must match, when set.</summary>
    public string? ExternalKeyPattern { get; set; }

    public List<PublicSiteHostname> Hostnames { get; set; } = [];
    public List<SupportTeam> AllowedTeams { get; set; } = [];
    public List<ApiAccount> AllowedApiAccounts { get; set; } = [];
}

public sealed class PublicSiteHostname
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public PublicSite? Site { get; set; }
    /// <summary>Lower-case host name without port; unique across all sites.</summary>
    public required string Hostname { get; set; }
    public bool IsPrimary { get; set; }
}
