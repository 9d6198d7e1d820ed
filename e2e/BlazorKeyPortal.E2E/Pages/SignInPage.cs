namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The built-in provider's sign-in form (a static page: no circuit to wait for).</summary>
public sealed class SignInPage(IPage page)
{
    public const string DevelopmentPassword = "Passw0rd!";

    public ILocator UserName => page.GetByLabel("Username", new() { Exact = true });
    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    /// <summary>Opens <paramref name="path"/> anonymously, which leads to this form.</summary>
    public async Task<SignInPage> OpenAsync(string path = "/keys/new")
    {
        await page.GotoAsync(path);
        await UserName.WaitForAsync();
        return this;
    }

    /// <summary>Signs in and waits until the page asked for is live.</summary>
    public async Task SignInAsync(string userName, string password = DevelopmentPassword)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal) && !url.Contains("/connect/", StringComparison.Ordinal)
            && !url.Contains("signin-oidc", StringComparison.Ordinal));
        await new PortalLayout(page).WaitForInteractiveAsync();
    }
}
