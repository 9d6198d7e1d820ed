using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using OpenIddict.Server.AspNetCore;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// Marks an endpoint that machine clients call (the command API, the session start API): no sign-in protocol ever
/// runs on it, so the schemes that inspect every request for a protocol message of their own skip it.
/// </summary>
public sealed class MachineEndpointMetadata
{
    public static readonly MachineEndpointMetadata Instance = new();

    private MachineEndpointMetadata()
    {
    }
}

public static class MachineEndpointConventions
{
    /// <summary>Marks the endpoint as one that machine clients call; see <see cref="MachineEndpointMetadata"/>.</summary>
    public static TBuilder ForMachineClients<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(MachineEndpointMetadata.Instance);
}

/// <summary>
/// ASP.NET Core's handler provider, except that on machine endpoints the protocol schemes of sign-in (OpenIddict's
/// server, the OpenID Connect client) do not exist. The authentication middleware asks every such scheme to look at
/// every request; OpenIddict's server then builds a transaction and runs its request pipeline only to find that the
/// address is not one of its endpoints. On <c>generate_session_key</c> that was 7 % of the process's CPU, about
/// 25 µs per key (measured with perf at 32 clients). The bearer scheme and OpenIddict's validation, which the command
/// API authenticates with, stay.
/// </summary>
public sealed class MachineEndpointAuthenticationHandlerProvider(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private static readonly HashSet<string> SignInProtocolSchemes = new(StringComparer.Ordinal)
    {
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
        OpenIdConnectDefaults.AuthenticationScheme,
    };

    private readonly AuthenticationHandlerProvider _inner = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        SignInProtocolSchemes.Contains(authenticationScheme) && IsMachineEndpoint(context)
            ? Task.FromResult<IAuthenticationHandler?>(null)
            : _inner.GetHandlerAsync(context, authenticationScheme);

    private static bool IsMachineEndpoint(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<MachineEndpointMetadata>() is not null;
}
