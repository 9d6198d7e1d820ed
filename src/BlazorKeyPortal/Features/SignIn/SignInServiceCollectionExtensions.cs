using BlazorKeyPortal.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.SignIn;

public static class SignInServiceCollectionExtensions
{
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    /// <summary>How long a portal session lasts without use; each use past half of it renews it (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(10);

    /// <summary>
    /// Portal sign-in: a cookie session opened by the OpenID Connect handler, which talks to the built-in provider
    /// (Identity users behind OpenIddict, code flow with PKCE) or to the configured external one; the session itself
    /// kept on the server (<see cref="PortalSessionStore"/>) and checked again against the user store by every request
    /// and open page (<see cref="PortalSessionValidator"/>); the portal's authorization policies; the built-in
    /// provider's endpoints and records.
    /// </summary>
    public static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalSignInOptions>().BindConfiguration(PortalSignInOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalSignInOptions>, PortalSignInOptionsValidator>();

        services.AddIdentityCore<IdentityUser>(identity =>
            {
                // Lockout stays enabled so that an administrator can lock a user (LockoutEnd); wrong passwords never
                // count towards it (see SignInThrottle), so nobody else can lock a user out.
                identity.Lockout.AllowedForNewUsers = true;
                identity.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddTokenProvider<AuthenticatorTokenProvider<IdentityUser>>(TokenOptions.DefaultAuthenticatorProvider);

        services.AddAuthentication(authentication =>
            {
                authentication.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                authentication.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = ".BlazorKeyPortal.Session";
                cookie.AccessDeniedPath = SignInPages.NotAllowedPath;
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.EventsType = typeof(PortalCookieEvents);
            })
            // The built-in provider's own session, separate from the portal's: ending one does not silently keep the other.
            .AddCookie(IdentityConstants.ApplicationScheme, cookie =>
            {
                cookie.Cookie.Name = ".BlazorKeyPortal.Provider";
                cookie.LoginPath = BuiltInProvider.LoginPath;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            })
            // A sign-in between the right password and its last step (code, new password, enrolment): see SignInSteps.
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, cookie =>
            {
                cookie.Cookie.Name = ".BlazorKeyPortal.SignInStep";
                cookie.LoginPath = BuiltInProvider.LoginPath;
                cookie.ExpireTimeSpan = SignInSteps.PendingLifetime;
                cookie.SlidingExpiration = false;
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.EventsType = typeof(PortalOidcEvents);
                oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                // A redirect (not a cross-site form post) brings the code back, so Lax cookies suffice, also on http loopback.
                oidc.ResponseMode = "query";
                oidc.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = true;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.TokenValidationParameters.NameClaimType = PortalClaims.UserName;
                oidc.TokenValidationParameters.RoleClaimType = PortalClaims.Role;
            });

        // Settings and the bound address are known only when the options are first used (after the server has bound).
        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<PortalSignInOptions>, IServer>((oidc, options, server) => ConfigureClient(oidc, options.Value, server));
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<PortalSignInOptions>, IServer>((openIddict, options, server) => BuiltInProvider.Configure(openIddict, options.Value, server));
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure(aspNetCore =>
        {
            aspNetCore.EnableAuthorizationEndpointPassthrough = true;
            aspNetCore.EnableEndSessionEndpointPassthrough = true;
        });

        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PortalOidcEvents>();
        services.AddSingleton<SignInAudit>();
        services.AddScoped<SignInSteps>();
        services.AddSingleton<BlazorKeyPortal.Features.Users.TwoFactorRequirements>();
        services.AddHostedService<BuiltInProviderRegistration>();

        // The cookie carries a session key only; the ticket lives in the database (sign-out ends copies of the cookie too).
        services.AddSingleton<PortalSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<PortalSessionStore>((cookie, store) => cookie.SessionStore = store);
        // The provider's session too: sign-out deletes its row, so a copy of the provider's cookie cannot sign in again.
        services.AddSingleton<ProviderSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ProviderSessionStore>((cookie, store) => cookie.SessionStore = store);
        services.AddHostedService<PortalSessionSweeper>();
        services.AddSingleton<PortalSessionValidator>();
        services.AddScoped<PortalCookieEvents>();
        // Replaces Blazor's ServerAuthenticationStateProvider (registered with TryAdd), so open pages are checked too.
        services.AddScoped<AuthenticationStateProvider, RevalidatingPortalAuthenticationStateProvider>();
        services.AddCascadingAuthenticationState();

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.IssueKeys, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Agent, PortalRoles.Supervisor, PortalRoles.Admin))
            .AddPolicy(PortalPolicies.ReviewHistory, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Supervisor, PortalRoles.Admin))
            .AddPolicy(PortalPolicies.Administer, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin));
        return builder;
    }

    private static void ConfigureClient(OpenIdConnectOptions oidc, PortalSignInOptions options, IServer server)
    {
        oidc.Scope.Clear();
        oidc.Scope.Add(Scopes.OpenId);
        oidc.Scope.Add(Scopes.Profile);
        if (options.UsesBuiltInProvider)
        {
            // The app reaches its own provider over the address it bound (loopback), never through a proxy.
            var authority = PortalOrigins.Bound(server);
            oidc.Authority = authority.ToString();
            oidc.RequireHttpsMetadata = !authority.IsLoopback;
            oidc.ClientId = BuiltInProvider.ClientId;
            oidc.Scope.Add(Scopes.Roles);
        }
        else
        {
            var authority = new Uri(options.Authority!);
            oidc.Authority = options.Authority;
            oidc.RequireHttpsMetadata = !authority.IsLoopback;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
        }
        foreach (var scope in options.Scopes)
        {
            oidc.Scope.Add(scope);
        }
    }
}
