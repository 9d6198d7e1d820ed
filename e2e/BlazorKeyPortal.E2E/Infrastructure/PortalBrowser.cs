namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>
/// One portal and one headless <see cref="Chromium"/> shared by
/// every test of the collection; each test opens its own browser contexts.
/// </summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KestrelPortal Portal { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Portal.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A fresh browser context (its own cookies) with a page on the portal, or on <paramref name="baseAddress"/>, in a
    /// browser set to <paramref name="locale"/> (its Accept-Language). Defaults to en-GB.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, Uri? baseAddress = null, string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? Portal.BaseAddress).ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            TimezoneId = "Europe/Berlin",
            Locale = locale,
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalBrowserCollection : ICollectionFixture<PortalBrowser>
{
    public const string Name = "Portal in Chromium";
}
