namespace BlazorKeyPortal.E2E.Pages;

/// <summary>
/// What every page of a public site (<c>support.localhost</c>, <c>remote.localhost</c>) shares: its one heading.
/// Static HTML with no script: nothing to wait for but the page.
/// </summary>
public abstract class PublicSitePage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}
