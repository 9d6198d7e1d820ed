namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The app bar and navigation every portal page shares.</summary>
public class PortalLayout(IPage page)
{
    public IPage Page => page;

    /// <summary>The Available / Away switch of a user who acts as a representative.</summary>
    public ILocator AvailabilitySwitch => page.GetByRole(AriaRole.Switch, new() { Name = "Available" });

    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Portal" });

    /// <summary>
    /// Clicks before the circuit connects land on prerendered HTML and are lost. Every interactive part marks itself
    /// (the layout on interactive pages; the form and the Available / Away switch on the Generate page, ADR-009): the page
    /// is live once one is and none is still waiting.
    /// </summary>
    public async Task WaitForInteractiveAsync()
    {
        await page.Locator("[data-interactive='true']").First.WaitForAsync();
        await Assertions.Expect(page.Locator("[data-interactive='false']")).ToHaveCountAsync(0);
    }
}
