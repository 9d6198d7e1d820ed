using System.Text.RegularExpressions;

namespace BlazorKeyPortal.E2E.Pages;

/// <summary>Key history (<c>/history</c>): its filter bar, grid, CSV export and audit verification.</summary>
public sealed partial class HistoryPage(IPage page) : PortalLayout(page)
{
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Key history", Level = 1 });
    public ILocator Site => Page.GetByLabel("Site", new() { Exact = true });
    public ILocator ExternalKey => Page.GetByLabel("External key", new() { Exact = true });
    public ILocator ApplyFilterButton => Page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" });
    public ILocator ExportCsvButton => Page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
    public ILocator VerifyButton => Page.GetByRole(AriaRole.Button, new() { Name = "Verify audit trail" });
    public ILocator VerifyEveryEntryButton => Page.GetByRole(AriaRole.Button, new() { Name = "Verify every entry" });

    /// <summary>"N of M entries checked" under the full verification's progress bar.</summary>
    public ILocator VerificationProgress => Page.GetByText("entries checked");

    /// <summary>The toggle that shows the per-day chart's numbers as a table.</summary>
    public ILocator PerDayTableToggle => Page.GetByText("Keys issued per day as a table");

    public ILocator PerDayTable => Page.GetByRole(AriaRole.Table, new() { Name = "Keys issued per day (UTC) by site" });

    /// <summary>The live region that announces the verification's outcome ("Audit trail verified. Intact, N entries").</summary>
    public ILocator VerificationResult => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Audit trail" });

    /// <summary>The grid's row of the key <paramref name="shortKey"/> (seven characters, as stored).</summary>
    public ILocator Row(string shortKey) => Page.GetByRole(AriaRole.Row).Filter(new() { Has = DetailLink(shortKey) });

    public ILocator DetailLink(string shortKey) => Page.GetByRole(AriaRole.Link, new() { Name = $"Details of key {shortKey}", Exact = true });

    public async Task<HistoryPage> OpenAsync()
    {
        await Page.GotoAsync("/history");
        await WaitForInteractiveAsync();
        await Heading.WaitForAsync();
        return this;
    }

    /// <summary>Chooses the site named <paramref name="siteName"/>, optionally types an external key, and applies the filter.</summary>
    public async Task FilterAsync(string siteName, string? externalKey = null)
    {
        await Site.SelectOptionAsync(new SelectOptionValue { Label = siteName });
        if (externalKey is not null)
        {
            await ExternalKey.FillAsync(externalKey);
            await Assertions.Expect(ExternalKey).ToHaveValueAsync(externalKey);
        }
        await ApplyFilterButton.ClickAsync();
        // The filter moves into the address by client-side navigation (history.replaceState): no page load follows, so
        // the address is polled rather than awaited as a navigation event. A choice the page lost fails here.
        try
        {
            await Assertions.Expect(Page).ToHaveURLAsync(SiteInAddress(), new() { Timeout = 10_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                $"Apply filter did not put the site into the address ({Page.Url}). Site shows \"{await Site.InputValueAsync()}\"; " +
                $"error bar visible: {await Page.Locator("#blazor-error-ui").IsVisibleAsync()}; " +
                $"reconnecting: {await Page.Locator("#components-reconnect-modal[open]").CountAsync() > 0}.", e);
        }
    }

    [GeneratedRegex("[?&]site=[0-9]+")]
    private static partial Regex SiteInAddress();

    /// <summary>Opens the detail page of <paramref name="shortKey"/> from its row.</summary>
    public async Task<KeyDetailPage> OpenDetailAsync(string shortKey)
    {
        await DetailLink(shortKey).ClickAsync();
        var detail = new KeyDetailPage(Page);
        await detail.Heading(shortKey).WaitForAsync();
        return detail;
    }

    /// <summary>Clicks "Export CSV" and returns the downloaded file's text.</summary>
    public async Task<string> ExportCsvAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => ExportCsvButton.ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        return await File.ReadAllTextAsync((await download.PathAsync())!);
    }
}
