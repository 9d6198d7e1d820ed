using BlazorKeyPortal.Features.Operations;

namespace BlazorKeyPortal.Features.Hosting;

/// <summary>
/// Where the portal finds its own files and the operator's settings, whoever starts it from wherever: a service
/// manager that starts it in <c>/</c> or <c>C:\Windows\System32</c>, or an operator who runs a verb from their home.
/// </summary>
public static class PortalHostDefaults
{
    /// <summary>The portal's builder: its content root, its settings files, and quiet logs for an operator's verb.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Settings are read and validated once, at start-up. Watching appsettings*.json for changes would put a file
        // watcher on the whole content root, which holds the SQLite database in a clone (App_Data): every write to its
        // log would wake the watcher, about 40 µs of CPU per issued key (measured). A changed setting takes effect at
        // the next start.
        string[] settings = [.. args, "--hostBuilder:reloadConfigOnChange=false", .. OperatorCommands.Recognizes(args) ? OperatorCommands.Settings : []];
        var builder = WebApplication.CreateBuilder(Options(settings, Directory.GetCurrentDirectory(), AppContext.BaseDirectory));
        builder.Configuration.AddMachineSettings(MachineSettingsFile);
        return builder;
    }

    /// <summary>
    /// The settings file an installation keeps outside the install folder, so that an upgrade that replaces the folder
    /// keeps it: <c>/etc/blazorkeyportal/appsettings.json</c>, or <c>%ProgramData%\BlazorKeyPortal\appsettings.json</c>.
    /// </summary>
    public static string MachineSettingsFile => OperatingSystem.IsWindows()
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "BlazorKeyPortal", "appsettings.json")
        : "/etc/blazorkeyportal/appsettings.json";

    /// <summary>
    /// The content root: the current folder when it holds the portal's settings (a clone run with <c>dotnet run</c>,
    /// the tests), otherwise the folder of the executable (a published install started from elsewhere). An explicit
    /// <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> still wins.
    /// </summary>
    public static WebApplicationOptions Options(string[] args, string currentDirectory, string baseDirectory) => new()
    {
        Args = args,
        ContentRootPath = File.Exists(Path.Combine(currentDirectory, "appsettings.json")) || !File.Exists(Path.Combine(baseDirectory, "appsettings.json"))
            ? null
            : baseDirectory,
    };

    /// <summary>
    /// Adds the machine's settings file after the install folder's <c>appsettings*.json</c> and before environment
    /// variables and the command line, which keep the last word.
    /// </summary>
    public static void AddMachineSettings(this ConfigurationManager configuration, string path)
    {
        var index = configuration.Sources.Select((source, i) => (source, i))
            .LastOrDefault(s => s.source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource).i;
        var machine = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        machine.ResolveFileProvider();
        configuration.Sources.Insert(index + 1, machine);
    }
}
