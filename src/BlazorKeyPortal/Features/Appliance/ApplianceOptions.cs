using System.Globalization;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.PublicSites;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// The BeyondTrust appliance that issues keys in appliance mode, and what the portal cannot ask it for
/// (its public sites, embassies and issues). Section <c>Appliance</c>; read only when
/// <c>KeyAuthority:Mode</c> is <c>Appliance</c>.
/// </summary>
public sealed class ApplianceOptions
{
    public const string SectionName = "Appliance";

    /// <summary>The appliance's address, e.g. <c>https://support.example.com</c>. https, or http on a loopback address.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The OAuth2 client id of an API account with full access to the command API.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of that API account.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How often teams and logged-in representatives are read from the appliance, in seconds. Its documentation
    /// asks clients to cache <c>get_logged_in_reps</c> rather than call it per request. Defaults to 30.
    /// </summary>
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>How long one request to the appliance may take, in seconds. Defaults to 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The appliance's public sites with the portal's rules for each; the command API cannot list them.
    /// Defaults to one site named after the appliance's host name, with that host name.
    /// </summary>
    public List<ApplianceSiteOptions> PublicSites { get; set; } = [];

    /// <summary>Embassies that <c>embassy:ID</c> may name; the command API cannot list them. Defaults to none.</summary>
    public List<ApplianceEmbassyOptions> Embassies { get; set; } = [];

    /// <summary>Issues that <c>issue:CODE_NAME</c> may name; the command API cannot list them. Defaults to none.</summary>
    public List<ApplianceIssueOptions> Issues { get; set; } = [];

    /// <summary>The base address with a trailing slash, so relative paths keep a path prefix; null when not a valid URL.</summary>
    public Uri? GetBaseUri() =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri)
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;

    /// <summary>The configured sites, or the default single site; host names lower-cased, the first site primary unless one says so.</summary>
    public IReadOnlyList<ApplianceSite> EffectiveSites()
    {
        if (PublicSites.Count == 0)
        {
            return GetBaseUri() is { } uri ? [new ApplianceSite(uri.Host, true, [uri.Host.ToLowerInvariant()], [], [], null, false, null)] : [];
        }
        var primaryIndex = Math.Max(0, PublicSites.FindIndex(s => s.Primary));
        return PublicSites.Select((s, i) => new ApplianceSite(
            s.Name.Trim(), i == primaryIndex, s.Hostnames.Select(h => h.Trim().ToLowerInvariant()).ToList(),
            s.AllowedTeams, s.AllowedApiAccounts, s.MaxTtlSeconds, s.ExternalKeyRequired,
            string.IsNullOrWhiteSpace(s.ExternalKeyPattern) ? null : s.ExternalKeyPattern)).ToList();
    }
}

/// <summary>One public site of the appliance and the portal's rules for it.</summary>
public sealed class ApplianceSiteOptions
{
    public string Name { get; set; } = "";

    /// <summary>Whether this is the primary site, whose first host name is the default <c>url_hostname</c>. Defaults to the first site.</summary>
    public bool Primary { get; set; }

    /// <summary>The site's host names, the primary one first.</summary>
    public List<string> Hostnames { get; set; } = [];

    /// <summary>Code names of the appliance teams whose members may issue keys for this site; empty means everyone.</summary>
    public List<string> AllowedTeams { get; set; } = [];

    /// <summary>Client ids of this portal's API accounts that may issue keys for this site; empty means every account.</summary>
    public List<string> AllowedApiAccounts { get; set; } = [];

    public int? MaxTtlSeconds { get; set; }
    public bool ExternalKeyRequired { get; set; }

    /// <summary>A regular expression the whole external key must match.</summary>
    public string? ExternalKeyPattern { get; set; }
}

public sealed class ApplianceEmbassyOptions
{
    /// <summary>The embassy's numeric id on the appliance.</summary>
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public bool Persistent { get; set; }
}

public sealed class ApplianceIssueOptions
{
    public string CodeName { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The code name of the appliance team the issue routes to.</summary>
    public string Team { get; set; } = "";
}

/// <summary>A configured site as the portal uses it.</summary>
public sealed record ApplianceSite(
    string Name,
    bool IsPrimary,
    IReadOnlyList<string> Hostnames,
    IReadOnlyList<string> AllowedTeams,
    IReadOnlyList<string> AllowedApiAccounts,
    int? MaxTtlSeconds,
    bool ExternalKeyRequired,
    string? ExternalKeyPattern);

/// <summary>
/// Checks <see cref="ApplianceOptions"/> in appliance mode, naming each bad setting by its configuration path.
/// In embedded mode the section is not used and not checked.
/// </summary>
public sealed class ApplianceOptionsValidator(IOptions<KeyAuthorityOptions> keyAuthority, PortalHostnames portalHostnames) : IValidateOptions<ApplianceOptions>
{
    private const string Prefix = ApplianceOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ApplianceOptions options)
    {
        if (!keyAuthority.Value.IsAppliance) return ValidateOptionsResult.Skip;

        var failures = new List<string>();
        ValidateConnection(options, failures);
        ValidateSites(options, portalHostnames, failures);
        ValidateRouting(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnection(ApplianceOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            failures.Add($"{Prefix}BaseUrl is required when KeyAuthority:Mode is Appliance (the appliance's address, e.g. https://support.example.com).");
        }
        else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}BaseUrl '{options.BaseUrl}' is not an absolute http(s) URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // The client secret and every bearer token travel in these requests.
            failures.Add($"{Prefix}BaseUrl '{options.BaseUrl}' must use https; plain http is accepted only for a loopback address.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Prefix}ClientId is required when KeyAuthority:Mode is Appliance (an API account with full access to the command API).");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Prefix}ClientSecret is required when KeyAuthority:Mode is Appliance.");
        }
        if (options.RefreshSeconds is < 5 or > 3600)
        {
            failures.Add($"{Prefix}RefreshSeconds must be between 5 and 3600 (it is {options.RefreshSeconds}).");
        }
        if (options.TimeoutSeconds is < 1 or > 120)
        {
            failures.Add($"{Prefix}TimeoutSeconds must be between 1 and 120 (it is {options.TimeoutSeconds}).");
        }
    }

    private static void ValidateSites(ApplianceOptions options, PortalHostnames portalHostnames, List<string> failures)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hostnames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.PublicSites.Count(s => s.Primary) > 1)
        {
            failures.Add($"{Prefix}PublicSites marks more than one site as Primary; mark one.");
        }
        for (var i = 0; i < options.PublicSites.Count; i++)
        {
            var site = options.PublicSites[i];
            var path = $"{Prefix}PublicSites:{i.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(site.Name)) failures.Add($"{path}:Name is required.");
            else if (site.Name.Trim().Length > 100) failures.Add($"{path}:Name is longer than 100 characters.");
            else if (!names.Add(site.Name.Trim())) failures.Add($"{path}:Name '{site.Name}' is used by another site.");

            if (site.Hostnames.Count == 0) failures.Add($"{path}:Hostnames is empty; give at least one host name.");
            for (var h = 0; h < site.Hostnames.Count; h++)
            {
                var hostname = site.Hostnames[h].Trim();
                var hostPath = $"{path}:Hostnames:{h.ToString(CultureInfo.InvariantCulture)}";
                if (hostname.Length is 0 or > 253 || Uri.CheckHostName(hostname) is UriHostNameType.Unknown or UriHostNameType.Basic)
                    failures.Add($"{hostPath} '{hostname}' is not a host name.");
                else if (!hostnames.TryAdd(hostname, path))
                    failures.Add($"{hostPath} '{hostname}' already belongs to {hostnames[hostname]}; a host name belongs to one site.");
                // The portal serves no public pages in appliance mode, but a site that names the portal's own host
                // is a configuration mistake that would shadow the portal as soon as it did. (The default site, named
                // after the appliance's host, is not configured here: it may share a machine with the portal.)
                else if (portalHostnames.SettingOf(hostname) is { } setting)
                    failures.Add($"{hostPath} '{hostname}' is the portal's own hostname (from {setting}); a public site on it would hide the portal's pages.");
            }

            if (site.MaxTtlSeconds is < 1) failures.Add($"{path}:MaxTtlSeconds must be a positive number of seconds.");
            if (!string.IsNullOrWhiteSpace(site.ExternalKeyPattern))
            {
                try
                {
                    _ = new Regex(site.ExternalKeyPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"{path}:ExternalKeyPattern is not a valid regular expression: {ex.Message}");
                }
            }
        }
    }

    private static void ValidateRouting(ApplianceOptions options, List<string> failures)
    {
        var embassyIds = new HashSet<int>();
        for (var i = 0; i < options.Embassies.Count; i++)
        {
            var embassy = options.Embassies[i];
            var path = $"{Prefix}Embassies:{i.ToString(CultureInfo.InvariantCulture)}";
            if (embassy.Id < 1) failures.Add($"{path}:Id must be the embassy's positive numeric id on the appliance.");
            else if (!embassyIds.Add(embassy.Id)) failures.Add($"{path}:Id {embassy.Id.ToString(CultureInfo.InvariantCulture)} is used by another embassy.");
            if (string.IsNullOrWhiteSpace(embassy.Name)) failures.Add($"{path}:Name is required.");
        }

        var issueCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Issues.Count; i++)
        {
            var issue = options.Issues[i];
            var path = $"{Prefix}Issues:{i.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(issue.CodeName)) failures.Add($"{path}:CodeName is required.");
            else if (!issueCodes.Add(issue.CodeName)) failures.Add($"{path}:CodeName '{issue.CodeName}' is used by another issue.");
            if (string.IsNullOrWhiteSpace(issue.Team)) failures.Add($"{path}:Team is required (the code name of the team the issue routes to).");
        }
    }
}
