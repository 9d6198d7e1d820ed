using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace BlazorKeyPortal.Tests;

public sealed class ProgramTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void Settings_files_are_read_once_so_no_watcher_wakes_on_every_write_to_the_database_under_the_content_root()
    {
        portal.Started();
        var configuration = (IConfigurationRoot)portal.Get<IConfiguration>();

        var settingsFiles = configuration.Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        settingsFiles.ShouldNotBeEmpty();
        settingsFiles.ShouldAllBe(source => !source.ReloadOnChange);
    }
}
