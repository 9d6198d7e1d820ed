namespace BlazorKeyPortal.E2E.Pages;

/// <summary>Public sites (<c>/admin/sites</c>): the sites table and its site dialog.</summary>
public sealed class AdminSitesPage(IPage page) : AdminPage(page, "/admin/sites", "Public sites")
{
    /// <summary>The snackbar message a save leaves, e.g. "Site 'Remote' saved.".</summary>
    public ILocator Saved(string siteName) => Page.GetByText($"Site '{siteName}' saved.", new() { Exact = true });

    public new async Task<AdminSitesPage> OpenAsync()
    {
        await base.OpenAsync();
        return this;
    }

    /// <summary>Opens the dialog of the site named <paramref name="siteName"/>.</summary>
    public async Task<AdminSiteDialog> EditAsync(string siteName) =>
        new(await OpenDialogAsync($"Edit site {siteName}"));
}
