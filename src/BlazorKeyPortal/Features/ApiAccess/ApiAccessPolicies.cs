using System.Security.Claims;
using BlazorKeyPortal.Features.Catalog;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.ApiAccess;

public static class ApiAccessPolicies
{
    /// <summary>A bearer token from <c>/oauth2/token</c>.</summary>
    public const string CommandApi = "CommandApi";
}

/// <summary>The API account behind a validated bearer token.</summary>
public static class ApiCaller
{
    public static ApiAccountInfo? Resolve(ClaimsPrincipal principal, CatalogSnapshot catalog) =>
        principal.FindFirst(Claims.Subject)?.Value is { } clientId ? catalog.ApiAccountByClientId.GetValueOrDefault(clientId) : null;
}
