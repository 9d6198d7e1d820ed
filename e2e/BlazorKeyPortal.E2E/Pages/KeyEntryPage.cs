namespace BlazorKeyPortal.E2E.Pages;

/// <summary>A site's front page (<c>/</c>): the customer types the session key.</summary>
public sealed class KeyEntryPage(IPage page) : PublicSitePage(page)
{
    public ILocator SessionKey => Page.GetByLabel("Session key", new() { Exact = true });
    public ILocator YourName => Page.GetByLabel("Your name (optional)", new() { Exact = true });
    public ILocator StartSessionButton => Page.GetByRole(AriaRole.Button, new() { Name = "Start session", Exact = true });

    /// <summary>Opens the front page of the site the browser context's base address names.</summary>
    public async Task<KeyEntryPage> OpenAsync()
    {
        await Page.GotoAsync("/");
        await SessionKey.WaitForAsync();
        return this;
    }

    /// <summary>Types the key (as the customer was told it, spaces and all) and a name, and presses "Start session".</summary>
    public async Task<SessionStartedPage> EnterKeyAsync(string shortKey, string customerName)
    {
        await SessionKey.FillAsync(shortKey);
        await YourName.FillAsync(customerName);
        await StartSessionButton.ClickAsync();
        return new SessionStartedPage(Page);
    }
}
