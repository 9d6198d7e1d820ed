using BlazorKeyPortal.E2E.Infrastructure;

namespace BlazorKeyPortal.E2E.Features.SignIn;

/// <summary>
/// The portal as a company runs it: signing in at the company's OpenID Connect provider (<see cref="CompanyProvider"/>),
/// the built-in provider off, roles from the <c>groups</c> claim through <c>Authentication:GroupRoles</c>, in Chromium.
/// </summary>
public sealed class CompanyProviderPortal : IAsyncLifetime
{
    public const string AgentGroup = "helpdesk";
    public const string SupervisorGroup = "helpdesk-leads";

    private IPlaywright? _playwright;

    public CompanyProvider Provider { get; } = new();
    public KestrelPortal Portal { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The portal's <c>Authentication</c> section, as the README tells an operator to write it.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Authentication:Authority"] = Provider.Issuer.ToString(),
        ["Authentication:ClientId"] = CompanyProvider.ClientId,
        ["Authentication:ClientSecret"] = Provider.ClientSecret,
        ["Authentication:Scopes:0"] = "groups",
        ["Authentication:RoleClaim"] = "groups",
        ["Authentication:UserNameClaim"] = "preferred_username",
        [$"Authentication:GroupRoles:{AgentGroup}"] = "Agent",
        [$"Authentication:GroupRoles:{SupervisorGroup}"] = "Supervisor",
    };

    public async Task InitializeAsync()
    {
        // The provider's address is reserved first, the portal (which reads discovery only at the first sign-in) is
        // configured with it, and then the provider starts with the portal's address as its client's.
        Portal = new KestrelPortal(Settings());
        Portal.Start();
        await Provider.StartAsync(Portal.BaseAddress);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (no cookies at the portal or the provider) with a page on the portal.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Portal is not null) await Portal.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
