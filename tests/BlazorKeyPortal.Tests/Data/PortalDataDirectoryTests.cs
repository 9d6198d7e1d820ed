using BlazorKeyPortal.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Data;

public sealed class PortalDataDirectoryTests
{
    private static readonly string ContentRoot = Path.Combine(Path.GetTempPath(), "install", "portal");

    [Fact]
    public void Without_a_setting_the_data_directory_is_app_data_under_the_content_root()
    {
        var directory = DataDirectory(null);

        directory.Root.ShouldBe(Path.Combine(ContentRoot, "App_Data"));
        directory.IsConfigured.ShouldBeFalse();
    }

    [Fact]
    public void Relative_paths_of_other_settings_resolve_under_the_data_directory_and_absolute_ones_stay()
    {
        var directory = DataDirectory("/var/lib/blazorkeyportal");

        directory.Resolve("keys").ShouldBe("/var/lib/blazorkeyportal/keys");
        directory.Resolve("/srv/keys").ShouldBe("/srv/keys");
        directory.Backups.ShouldBe("/var/lib/blazorkeyportal/backups");
        DataServiceCollectionExtensions.ResolveSqlitePath("Data Source=portal.db", Path.Combine(Path.GetTempPath(), "bkp-data"))
            .ShouldBe($"Data Source={Path.Combine(Path.GetTempPath(), "bkp-data", "portal.db")}");
    }

    [Fact]
    public void A_relative_data_directory_resolves_against_the_content_root()
    {
        DataDirectory("../data").Root.ShouldBe(Path.Combine(Path.GetTempPath(), "install", "data"));
    }

    private static PortalDataDirectory DataDirectory(string? setting) =>
        new(Options.Create(new PortalOptions { DataDirectory = setting }), new Environment());

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "BlazorKeyPortal";
        public string ContentRootPath { get; set; } = ContentRoot;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
