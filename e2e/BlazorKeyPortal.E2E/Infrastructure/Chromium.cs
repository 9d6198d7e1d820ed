namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>Debian's Chromium (at <c>CHROMIUM_PATH</c> or <c>/usr/bin/chromium</c>), headless, as every browser test launches it.</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    });
}
