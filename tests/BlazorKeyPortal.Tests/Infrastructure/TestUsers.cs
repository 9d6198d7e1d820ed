using System.Security.Claims;
using System.Text.Encodings.Web;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>Signed-in portal users for tests, shaped as the OIDC sign-in makes them (preferred_username, role claims).</summary>
public static class TestUsers
{
    public const string Scheme = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";

    public static ClaimsPrincipal Supervisor(string name = "sam") => User(name, PortalRoles.Supervisor);

    public static ClaimsPrincipal Agent(string name = "agent") => User(name, PortalRoles.Agent);

    public static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("preferred_username", name), .. roles.Select(r => new Claim("role", r))],
            Scheme, "preferred_username", "role"));

    /// <summary>Requests of this client are signed in as <paramref name="name"/> with <paramref name="roles"/>.</summary>
    public static HttpClient SignedIn(this HttpClient client, string name, params string[] roles)
    {
        client.DefaultRequestHeaders.Add(UserHeader, name);
        client.DefaultRequestHeaders.Add(RolesHeader, string.Join(',', roles));
        return client;
    }
}

/// <summary>
/// The portal with a header-based test sign-in (<see cref="TestUsers.UserHeader"/>) as its default scheme. The
/// portal's own policy for history review is used when the sign-in feature defines it; until then the policy its
/// documentation states (Supervisor or Admin) stands in.
/// </summary>
public class SignedInPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(o =>
                {
                    o.DefaultScheme = TestUsers.Scheme;
                    o.DefaultChallengeScheme = TestUsers.Scheme;
                })
                .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(TestUsers.Scheme, null);
            services.PostConfigure<AuthorizationOptions>(o =>
            {
                if (o.GetPolicy(PortalPolicies.ReviewHistory) is null)
                {
                    o.AddPolicy(PortalPolicies.ReviewHistory, p => p.RequireRole(PortalRoles.Supervisor, PortalRoles.Admin));
                }
            });
        });
    }

    private sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(TestUsers.UserHeader, out var name) || string.IsNullOrEmpty(name))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }
            var roles = Request.Headers[TestUsers.RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(TestUsers.User(name!, roles), TestUsers.Scheme)));
        }
    }
}
