using System.Security.Claims;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.PublicSites;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// <c>POST /oauth2/token</c>. OpenIddict has already authenticated the client (Basic header or form fields);
/// here the portal decides: the account must be enabled and called from an allowed network, and it may
/// hold only so many live tokens.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/oauth2/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery().AnswersOnPublicSites().WithName("OAuthToken");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, PortalCatalog catalog, ApiTokenLimit limit, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "only grant_type=client_credentials is supported here");
        }

        var snapshot = await catalog.GetAsync(cancellationToken);
        if (request.ClientId is not { } clientId || !snapshot.ApiAccountByClientId.TryGetValue(clientId, out var account))
        {
            return Refuse(Errors.InvalidClient, "the client is not an API account of this portal");
        }
        if (!account.IsEnabled)
        {
            return Refuse(Errors.InvalidClient, $"API account '{clientId}' is disabled");
        }
        if (!account.Allows(http.Connection.RemoteIpAddress))
        {
            return Refuse(Errors.UnauthorizedClient, $"API account '{clientId}' may not be used from {http.Connection.RemoteIpAddress}");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.ClientId);
        identity.SetClaim(Claims.Name, account.Name);
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        // The count and the new token must not interleave with another request of the same account.
        using (await limit.LockAsync(clientId, cancellationToken))
        {
            await limit.MakeRoomAsync(clientId, cancellationToken);
            await http.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        }
        return Results.Empty;
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
