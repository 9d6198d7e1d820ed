using BlazorKeyPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace BlazorKeyPortal.Features.ApiAccess;

public static class ApiAccessServiceCollectionExtensions
{
    /// <summary>
    /// OpenIddict as the portal's OAuth2 server: client credentials for API accounts at <c>/oauth2/token</c>
    /// with revocable reference tokens, failed client authentications throttled per address, and bearer validation for <c>/api/command</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TokenServerOptions>().BindConfiguration(TokenServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<PortalDbContext>();
                // Exact issue order for the token cap (one-second creation dates would tie).
                core.ReplaceTokenStore<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken, IssueOrderTokenStore>(ServiceLifetime.Scoped);
            })
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                // Stored tokens can be revoked: the 30-token cap and secret regeneration need that.
                server.UseReferenceAccessTokens();
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(ReportConfiguredLifetime).SetOrder(int.MinValue));
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(TokenRequestThrottle.MarkFailedClientAuthentication).SetOrder(int.MinValue + 1));
                server.UseAspNetCore().EnableTokenEndpointPassthrough();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        // Keys, lifetime and transport rules come from TokenServer options, read when the server starts.
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<TokenServerOptions>, PortalDataDirectory>((server, options, dataDirectory) =>
        {
            server.AccessTokenLifetime = TimeSpan.FromSeconds(options.Value.AccessTokenLifetimeSeconds);
            var (signing, encryption) = TokenKeyStore.LoadOrCreate(dataDirectory.Resolve(options.Value.KeyDirectory));
            server.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<TokenServerOptions>>((aspNetCore, options) =>
            aspNetCore.DisableTransportSecurityRequirement = options.Value.AllowHttp);

        services.AddSingleton<ApiTokenCache>();
        // Replaces ASP.NET Core's provider whether AddAuthentication has run yet or not (it only tries to add its own).
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, MachineEndpointAuthenticationHandlerProvider>());
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiBearerHandler>(ApiBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAccessPolicies.CommandApi, policy => policy
                .AddAuthenticationSchemes(ApiBearerHandler.SchemeName)
                .RequireAuthenticatedUser());

        services.AddOptions<TokenThrottleOptions>().BindConfiguration(TokenThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenRequestThrottle>();
        services.AddSingleton<ApiTokenLimit>();
        services.AddSingleton<ApiAccountProvisioner>();
        return builder;
    }

    /// <summary>
    /// Appliances answer <c>expires_in=3600</c>; OpenIddict counts the milliseconds spent since issuing and
    /// truncates to 3599. The token lives the configured lifetime, so the reply says so.
    /// </summary>
    private static ValueTask ReportConfiguredLifetime(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (context.Options.AccessTokenLifetime is { } lifetime && context.Response.ExpiresIn == (long)lifetime.TotalSeconds - 1)
        {
            context.Response.ExpiresIn = (long)lifetime.TotalSeconds;
        }
        return default;
    }
}
