namespace BlazorKeyPortal.E2E.Pages;

/// <summary>
/// What every admin page (<c>/admin/…</c>) shares: its heading, its table rows, its buttons (create, edit) and the
/// create/edit dialog they open.
/// </summary>
/// <param name="path">Where the page is, e.g. <c>/admin/sites</c>.</param>
/// <param name="title">The page's heading, e.g. "Public sites".</param>
public class AdminPage(IPage page, string path, string title) : PortalLayout(page)
{
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1, Exact = true });

    /// <summary>The open create/edit dialog (one at a time).</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>The table row that contains <paramref name="text"/>.</summary>
    public ILocator Row(string text) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens the page and waits until it is live and its catalog has been read (the page's table or form shows).</summary>
    public async Task OpenAsync()
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
        await Heading.WaitForAsync();
        await Page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Clicks the button named <paramref name="buttonName"/> (e.g. "Edit site Remote") and waits for its dialog.</summary>
    public async Task<ILocator> OpenDialogAsync(string buttonName)
    {
        await Button(buttonName).ClickAsync();
        await Dialog.WaitForAsync();
        return Dialog;
    }

    /// <summary>Closes the open dialog without saving.</summary>
    public async Task CancelDialogAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
