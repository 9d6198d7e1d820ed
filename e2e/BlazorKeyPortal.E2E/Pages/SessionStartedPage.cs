namespace BlazorKeyPortal.E2E.Pages;

/// <summary>After a redemption: the customer is told that the session is waiting for a representative.</summary>
public sealed class SessionStartedPage(IPage page) : PublicSitePage(page)
{
    public const string HeadingText = "You are in the queue";

    public ILocator Status => Page.GetByRole(AriaRole.Status);
}
