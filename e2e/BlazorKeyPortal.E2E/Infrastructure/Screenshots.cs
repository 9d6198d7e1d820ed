namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>Screenshots for the README, saved to <c>docs/screenshots/</c> of the repository.</summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
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
