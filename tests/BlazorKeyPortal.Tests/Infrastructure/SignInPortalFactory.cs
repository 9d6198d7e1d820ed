using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The portal with its built-in provider reachable by the OIDC handler's back channel (discovery, keys, code
/// exchange go to the in-memory server). Runs on the system clock: the handler checks token lifetimes against it.
/// </summary>
public class SignInPortalFactory : PortalFactory
{
    protected override bool UseFakeClock => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc => oidc.BackchannelHttpHandler = Server.CreateHandler()));
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests follow them with <see cref="PortalBrowserClient"/>).</summary>
    public PortalBrowserClient NewBrowser() => new(CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}
