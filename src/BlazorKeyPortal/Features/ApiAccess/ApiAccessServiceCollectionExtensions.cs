using BlazorKeyPortal.Data;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace BlazorKeyPortal.Features.ApiAccess;

public static class ApiAccessServiceCollectionExtensions
{
    /// <summary>
    /// OpenIddict as the portal's OAuth2 server: client credentials for API accounts at <c>/oauth2/token</c>
    /// with revocable reference tokens, and bearer validation for <c>/api/command</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenServerOptions>().BindConfiguration(TokenServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TokenServerOptions.SectionName).Get<TokenServerOptions>() ?? new TokenServerOptions();
        var keyDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.KeyDirectory));

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<PortalDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.SetAccessTokenLifetime(TimeSpan.FromSeconds(options.AccessTokenLifetimeSeconds));
                // Stored tokens can be revoked: the 30-token cap and secret regeneration need that.
                server.UseReferenceAccessTokens();

                var (signing, encryption) = TokenKeyStore.LoadOrCreate(keyDirectory);
                server.AddSigningKey(signing).AddEncryptionKey(encryption);

                // Appliances answer expires_in=3600; OpenIddict counts the milliseconds spent since issuing and
                // truncates to 3599. The token's lifetime is the configured one, so say so.
                server.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.Response.ExpiresIn == options.AccessTokenLifetimeSeconds - 1)
                        {
                            context.Response.ExpiresIn = options.AccessTokenLifetimeSeconds;
                        }
                        return default;
                    })
                    .SetOrder(int.MinValue));

                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (options.AllowHttp) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiAccessPolicies.CommandApi, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());

        builder.Services.AddSingleton<ApiTokenLimit>();
        builder.Services.AddSingleton<ApiAccountProvisioner>();
        return builder;
    }
}
