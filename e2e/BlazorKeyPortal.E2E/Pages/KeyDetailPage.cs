using System.Text.RegularExpressions;

namespace BlazorKeyPortal.E2E.Pages;

/// <summary>One key's detail (<c>/history/{id}</c>): its attributes, timeline and audit entries.</summary>
public sealed class KeyDetailPage(IPage page) : PortalLayout(page)
{
    public ILocator Heading(string shortKey) => Page.GetByRole(AriaRole.Heading, new() { Name = $"Key {shortKey}", Level = 1 });

    public ILocator BackToHistory => Page.GetByRole(AriaRole.Link, new() { Name = "Back to history" });

    /// <summary>The value (<c>dd</c>) of the attribute named <paramref name="name"/> (its <c>dt</c>).</summary>
    public ILocator Attribute(string name) => Page.GetByRole(AriaRole.Term)
        .Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }).Locator("xpath=following-sibling::dd[1]");
}
