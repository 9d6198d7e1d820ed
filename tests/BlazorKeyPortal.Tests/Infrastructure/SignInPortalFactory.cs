namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The portal for sign-in tests: on the system clock, because the OIDC handler checks the ID token's lifetime
/// against it (the back channel to the built-in provider comes from <see cref="PortalFactory"/>).
/// </summary>
public class SignInPortalFactory : PortalFactory
{
    protected override bool UseFakeClock => false;

    /// <summary>A browser-like client: cookies kept, redirects followed step by step by <see cref="PortalBrowserClient"/>.</summary>
    public PortalBrowserClient NewBrowser() => new(CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}
