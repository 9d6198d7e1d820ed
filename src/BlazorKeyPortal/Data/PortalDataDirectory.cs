using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data;

/// <summary>Where the portal keeps what it writes. Section <c>Portal</c>.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>
    /// The folder of everything the portal writes: the SQLite database, the token server's keys and backups. Relative
    /// paths in other settings (<c>Database:ConnectionString</c>'s <c>Data Source</c>, <c>TokenServer:KeyDirectory</c>)
    /// resolve against it. A relative value here resolves against the content root. Defaults to <c>App_Data</c> under the
    /// content root, which suits a clone; a production install names a folder outside the install folder
    /// (<c>/var/lib/blazorkeyportal</c>, <c>%ProgramData%\BlazorKeyPortal</c>) so that an upgrade can replace the latter.
    /// </summary>
    public string? DataDirectory { get; set; }
}

/// <summary>The data directory, resolved once: the folder itself and the paths of settings relative to it.</summary>
public sealed class PortalDataDirectory
{
    public const string DefaultFolder = "App_Data";

    public PortalDataDirectory(IOptions<PortalOptions> options, IHostEnvironment environment)
    {
        IsConfigured = !string.IsNullOrWhiteSpace(options.Value.DataDirectory);
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, IsConfigured ? options.Value.DataDirectory! : DefaultFolder));
    }

    /// <summary>The absolute path of the data directory.</summary>
    public string Root { get; }

    /// <summary>False when the portal falls back to <c>App_Data</c> under the content root (the install folder).</summary>
    public bool IsConfigured { get; }

    /// <summary>Where the portal writes backups of its SQLite database.</summary>
    public string Backups => Path.Combine(Root, "backups");

    /// <summary>An absolute path as it is; a relative one under the data directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Root, path));
}
