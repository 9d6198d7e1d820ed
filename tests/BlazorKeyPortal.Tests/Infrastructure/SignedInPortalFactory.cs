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
