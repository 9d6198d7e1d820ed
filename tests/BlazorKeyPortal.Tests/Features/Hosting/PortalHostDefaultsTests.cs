using BlazorKeyPortal.Features.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BlazorKeyPortal.Tests.Features.Hosting;

public sealed class PortalHostDefaultsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bkp-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_portal_started_outside_its_install_folder_takes_the_install_folder_as_content_root()
    {
        var install = Folder("install", withSettings: true);
        var elsewhere = Folder("home", withSettings: false);

        PortalHostDefaults.Options([], elsewhere, install).ContentRootPath.ShouldBe(install);
    }

    [Fact]
    public void A_folder_with_its_own_settings_stays_the_content_root()
    {
        var install = Folder("install", withSettings: true);
        var clone = Folder("clone", withSettings: true);

        PortalHostDefaults.Options([], clone, install).ContentRootPath.ShouldBeNull();
    }

    [Fact]
    public void The_machine_settings_file_overrides_the_install_folders_settings_but_not_environment_variables()
    {
        var install = Folder("install", withSettings: true);
        File.WriteAllText(Path.Combine(install, "appsettings.json"), """{ "Portal": { "DataDirectory": "from-install" }, "A": "install", "B": "install" }""");
        var machine = Path.Combine(_root, "machine.json");
        File.WriteAllText(machine, """{ "Portal": { "DataDirectory": "/var/lib/blazorkeyportal" }, "A": "machine", "B": "machine" }""");
        Environment.SetEnvironmentVariable("B", "environment");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = install, EnvironmentName = "Production" });
            builder.Configuration.AddMachineSettings(machine);

            builder.Configuration["Portal:DataDirectory"].ShouldBe("/var/lib/blazorkeyportal");
            builder.Configuration["A"].ShouldBe("machine");
            builder.Configuration["B"].ShouldBe("environment");
        }
        finally
        {
            Environment.SetEnvironmentVariable("B", null);
        }
    }

    [Fact]
    public void A_missing_machine_settings_file_changes_nothing()
    {
        var install = Folder("install", withSettings: true);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = install, EnvironmentName = "Production" });

        builder.Configuration.AddMachineSettings(Path.Combine(_root, "absent", "appsettings.json"));

        builder.Configuration["A"].ShouldBe("install");
    }

    private string Folder(string name, bool withSettings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        if (withSettings) File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "A": "install" }""");
        return folder;
    }
}
