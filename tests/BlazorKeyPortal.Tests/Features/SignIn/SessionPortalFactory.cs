using System.Net;
using System.Security.Claims;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// The portal for session tests: the real sign-in (as <see cref="SignInPortalFactory"/>) on the fake <see cref="PortalFactory.Clock"/>,
/// so a test can let the revalidation interval pass. The clock starts at the real time, because the test client's cookie
/// jar drops the sign-in's correlation cookies by the real clock; the OIDC handler checks ID tokens against the fake one.
/// Each test makes users of its own, so that changing one changes nothing another test relies on.
/// </summary>
public sealed class SessionPortalFactory : SignInPortalFactory
{
    public SessionPortalFactory()
    {
        var now = TimeProvider.System.GetUtcNow();
        if (now > Clock.GetUtcNow()) Clock.SetUtcNow(now);
    }

    protected override bool UseFakeClock => true;

    /// <summary>The configured revalidation interval.</summary>
    public TimeSpan Interval => Get<IOptions<PortalSignInOptions>>().Value.SessionRevalidationInterval;

    /// <summary>Lets one revalidation interval (and a second) pass on the portal's clock.</summary>
    public void PassInterval() => Clock.Advance(Interval + TimeSpan.FromSeconds(1));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
                oidc.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = Clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore <= now + parameters.ClockSkew) && (expires is null || expires >= now - parameters.ClockSkew);
                }));
    }

    /// <summary>A browser whose cookies the test can read (to copy the session cookie to another client).</summary>
    public (PortalBrowserClient Browser, CookieContainer Cookies) NewBrowserWithCookies()
    {
        var cookies = new CookieContainer();
        return (new PortalBrowserClient(CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>A client that sends only <paramref name="cookie"/>, as someone who copied it would.</summary>
    public PortalBrowserClient ClientWithCookie(Cookie cookie)
    {
        var http = CreateDefaultClient(new Uri("http://localhost"));
        http.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return new PortalBrowserClient(http);
    }

    /// <summary>A built-in provider user with the Development password and <paramref name="roles"/>.</summary>
    public async Task<IdentityUser> CreateUserAsync(string userName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        Succeeded(await users.CreateAsync(user, PortalBrowserClient.Password));
        Succeeded(await users.AddToRolesAsync(user, roles));
        return user;
    }

    /// <summary>Changes a user as an operator would, through Identity's user manager.</summary>
    public async Task ChangeUserAsync(string userName, Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Succeeded(await change(users, (await users.FindByNameAsync(userName)).ShouldNotBeNull()));
    }

    /// <summary>The principal a sign-in of <paramref name="userName"/> gives the portal now (what a circuit starts with).</summary>
    public async Task<ClaimsPrincipal> PrincipalOfAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByNameAsync(userName)).ShouldNotBeNull();
        return PortalClaims.FromProvider(new ClaimsPrincipal(await BuiltInProvider.IdentityAsync(users, user)), Get<IOptions<PortalSignInOptions>>().Value);
    }

    public static Cookie SessionCookie(CookieContainer cookies) =>
        cookies.GetCookies(new Uri("http://localhost"))[".BlazorKeyPortal.Session"].ShouldNotBeNull("no portal session cookie");

    private static void Succeeded(IdentityResult result) =>
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
}
