namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>
/// Screenshots of the pages the e2e tests visit: into <c>TestResults/screenshots/</c> (ignored by git) on every
/// run, and into the README's <c>docs/screenshots/</c> only with <c>UPDATE_SCREENSHOTS=1</c>, so that a test run
/// leaves the work tree clean.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        // Transitions run to their end first: right after a viewport change the layout is still sliding into place.
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BlazorKeyPortal.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("BlazorKeyPortal.sln was not found above the test output.");
    }
}
