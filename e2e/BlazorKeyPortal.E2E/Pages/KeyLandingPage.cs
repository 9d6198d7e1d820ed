namespace BlazorKeyPortal.E2E.Pages;

/// <summary>Where a key URL (<c>/?ak=…</c>) leads: opening it changes nothing, the "Start session" button redeems the key.</summary>
public sealed class KeyLandingPage(IPage page) : PublicSitePage(page)
{
    public ILocator YourName => Page.GetByLabel("Your name (optional)", new() { Exact = true });
    public ILocator StartSessionButton => Page.GetByRole(AriaRole.Button, new() { Name = "Start session", Exact = true });

    public async Task<KeyLandingPage> OpenAsync(string keyUrl)
    {
        await Page.GotoAsync(keyUrl);
        await Heading.WaitForAsync();
        return this;
    }
}
