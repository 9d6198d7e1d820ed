using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.Catalog;

/// <summary>
/// An immutable picture of everything the key authority reads from configuration: sites, routing,
/// custom fields, API accounts and settings. Taken once per change, read by every request and page.
/// </summary>
public sealed class CatalogSnapshot
{
    public CatalogSnapshot(
        long version,
        IReadOnlyList<SiteInfo> sites,
        IReadOnlyList<RepInfo> reps,
        IReadOnlyList<TeamInfo> teams,
        IReadOnlyList<EmbassyInfo> embassies,
        IReadOnlyList<IssueInfo> issues,
        IReadOnlyList<SkillInfo> skills,
        IReadOnlyList<CustomFieldInfo> customFields,
        IReadOnlyList<ApiAccountInfo> apiAccounts,
        SettingsInfo settings)
    {
        Version = version;
        Sites = sites;
        Reps = reps;
        Teams = teams;
        Embassies = embassies;
        Issues = issues;
        Skills = skills;
        CustomFields = customFields;
        ApiAccounts = apiAccounts;
        Settings = settings;

        SiteByHostname = sites.SelectMany(s => s.Hostnames.Select(h => (h.Hostname, s)))
            .ToDictionary(p => p.Hostname, p => p.s, StringComparer.OrdinalIgnoreCase);
        SiteById = sites.ToDictionary(s => s.Id);
        RepById = reps.ToDictionary(r => r.Id);
        RepsByUsername = reps.ToLookup(r => r.Username, StringComparer.OrdinalIgnoreCase);
        RepsByPortalUser = reps.Where(r => r.PortalUserName is not null).ToLookup(r => r.PortalUserName!, StringComparer.OrdinalIgnoreCase);
        TeamById = teams.ToDictionary(t => t.Id);
        EmbassyById = embassies.ToDictionary(e => e.Id);
        IssueByCode = issues.ToDictionary(i => i.CodeName, StringComparer.Ordinal);
        SkillByCode = skills.ToDictionary(s => s.CodeName, StringComparer.Ordinal);
        CustomFieldByCode = customFields.ToDictionary(f => f.CodeName, StringComparer.Ordinal);
        ApiAccountByClientId = apiAccounts.ToDictionary(a => a.ClientId, StringComparer.Ordinal);
        PrimarySite = sites.FirstOrDefault(s => s.IsPrimary && s.IsEnabled);
    }

    /// <summary>Grows by one with every change; pages compare it to know they are current.</summary>
    public long Version { get; }
    public IReadOnlyList<SiteInfo> Sites { get; }
    public IReadOnlyList<RepInfo> Reps { get; }
    public IReadOnlyList<TeamInfo> Teams { get; }
    public IReadOnlyList<EmbassyInfo> Embassies { get; }
    public IReadOnlyList<IssueInfo> Issues { get; }
    public IReadOnlyList<SkillInfo> Skills { get; }
    public IReadOnlyList<CustomFieldInfo> CustomFields { get; }
    public IReadOnlyList<ApiAccountInfo> ApiAccounts { get; }
    public SettingsInfo Settings { get; }

    public SiteInfo? PrimarySite { get; }
    public IReadOnlyDictionary<string, SiteInfo> SiteByHostname { get; }
    public IReadOnlyDictionary<int, SiteInfo> SiteById { get; }
    public IReadOnlyDictionary<int, RepInfo> RepById { get; }
    public ILookup<string, RepInfo> RepsByUsername { get; }
    public ILookup<string, RepInfo> RepsByPortalUser { get; }
    public IReadOnlyDictionary<int, TeamInfo> TeamById { get; }
    public IReadOnlyDictionary<int, EmbassyInfo> EmbassyById { get; }
    public IReadOnlyDictionary<string, IssueInfo> IssueByCode { get; }
    public IReadOnlyDictionary<string, SkillInfo> SkillByCode { get; }
    public IReadOnlyDictionary<string, CustomFieldInfo> CustomFieldByCode { get; }
    public IReadOnlyDictionary<string, ApiAccountInfo> ApiAccountByClientId { get; }

    /// <summary>The ids of the teams of the reps that a portal user acts as.</summary>
    public IReadOnlySet<int> TeamIdsOfUser(string userName) =>
        RepsByPortalUser[userName].Where(r => r.IsEnabled).SelectMany(r => r.TeamIds).ToHashSet();
}

public sealed record HostnameInfo(string Hostname, bool IsPrimary);

public sealed record SiteInfo(
    int Id,
    string Name,
    bool IsPrimary,
    bool IsEnabled,
    string Title,
    string Color,
    string? Notice,
    string? MailSubjectTemplate,
    string? MailBodyTemplate,
    bool RestrictToTeams,
    IReadOnlySet<int> AllowedTeamIds,
    bool RestrictToApiAccounts,
    IReadOnlySet<int> AllowedApiAccountIds,
    int? MaxTtlSeconds,
    bool ExternalKeyRequired,
    string? ExternalKeyPattern,
    IReadOnlyList<HostnameInfo> Hostnames)
{
    private (string? Pattern, Regex? Regex) _compiled;

    /// <summary>The public pages' language when the browser asks for none they speak; null for English.</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>
    /// The whole-string match of <see cref="ExternalKeyPattern"/>, compiled on first use and again only when a
    /// copy (<c>with</c>) carries another pattern. Racing first uses compile the same thing; either result is right.
    /// </summary>
    public Regex? ExternalKeyRegex
    {
        get
        {
            var compiled = _compiled;
            if (compiled.Pattern != ExternalKeyPattern || (compiled.Regex is null && ExternalKeyPattern is { Length: > 0 }))
            {
                compiled = (ExternalKeyPattern, ExternalKeyPattern is { Length: > 0 } pattern
                    ? new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
                    : null);
                _compiled = compiled;
            }
            return compiled.Regex;
        }
    }

    public string PrimaryHostname => (Hostnames.FirstOrDefault(h => h.IsPrimary) ?? Hostnames[0]).Hostname;
}

public sealed record RepInfo(
    int Id,
    string Username,
    string PublicDisplayName,
    string PrivateDisplayName,
    string? PortalUserName,
    bool IsEnabled,
    IReadOnlyList<int> TeamIds,
    IReadOnlyList<int> EmbassyIds,
    IReadOnlyList<string> SkillCodes);

public sealed record TeamInfo(int Id, string CodeName, string Name, bool IsPersistent, bool IsEnabled, int? DefaultSiteId, IReadOnlyList<int> MemberIds);

public sealed record EmbassyInfo(int Id, string Name, bool IsPersistent, bool IsEnabled, IReadOnlyList<int> MemberIds);

public sealed record IssueInfo(int Id, string CodeName, string Description, int TeamId, bool IsEnabled);

public sealed record SkillInfo(int Id, string CodeName, string Name, bool IsEnabled);

public sealed record CustomFieldInfo(int Id, string CodeName, string DisplayName, bool IsEnabled);

public sealed record ApiAccountInfo(int Id, string Name, string ClientId, CommandPermission Permission, IReadOnlyList<IPNetwork> AllowedNetworks, bool IsEnabled)
{
    /// <summary>True when no network is configured or <paramref name="address"/> lies in one of them.</summary>
    public bool Allows(IPAddress? address)
    {
        if (AllowedNetworks.Count == 0) return true;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return AllowedNetworks.Any(n => n.Contains(address));
    }
}

public sealed record SettingsInfo(int MaxSessionKeyTimeoutSeconds, ShortKeyAlphabet ShortKeyAlphabet);
