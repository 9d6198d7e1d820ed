namespace BlazorKeyPortal.E2E.Pages;

/// <summary>My keys (<c>/keys</c>).</summary>
public sealed class MyKeysPage(IPage page) : PortalLayout(page)
{
    public ILocator Table => Page.GetByTestId("my-keys");

    public ILocator Row(string groupedShortKey) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = groupedShortKey });

    public async Task<MyKeysPage> OpenAsync()
    {
        await Page.GotoAsync("/keys");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "My keys" }).WaitForAsync();
        return this;
    }
}
