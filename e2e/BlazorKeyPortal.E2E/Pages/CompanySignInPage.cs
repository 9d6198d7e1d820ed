namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The company provider's pages: its sign-in form and its sign-out confirmation.</summary>
public sealed class CompanySignInPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Company sign-in", Level = 1 });
    public ILocator UserName => page.GetByLabel("Username", new() { Exact = true });
    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
    public ILocator ConfirmSignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" });

    /// <summary>Opens the portal's <paramref name="path"/> anonymously, which leads to the company's sign-in form.</summary>
    public async Task<CompanySignInPage> OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await Heading.WaitForAsync();
        return this;
    }

    /// <summary>Signs in and waits until the browser is back on the portal (at <paramref name="portal"/>), past its callback.</summary>
    public async Task SignInAsync(Uri portal, string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(portal.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal)
            && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    /// <summary>Signs out of the portal from any portal page (its app bar) and confirms at the provider.</summary>
    public async Task SignOutAsync()
    {
        await new PortalLayout(page).SignOutButton.ClickAsync();
        await ConfirmSignOutButton.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/account/signed-out", StringComparison.Ordinal));
    }
}
