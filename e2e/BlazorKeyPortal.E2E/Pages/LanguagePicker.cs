namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The language picker in a public page's header: a navigation of links, each named in its own language.</summary>
public sealed class LanguagePicker(IPage page)
{
    public ILocator Navigation => page.Locator("header").GetByRole(AriaRole.Navigation);

    public ILocator Language(string nativeName) => Navigation.GetByRole(AriaRole.Link, new() { Name = nativeName, Exact = true });

    /// <summary>The document element, whose lang says the page's language.</summary>
    public ILocator Document => page.Locator("html");
}
