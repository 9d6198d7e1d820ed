using Microsoft.AspNetCore.Hosting.Server;
using BlazorKeyPortal.Features.ReverseProxy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// Keeps the built-in provider's records in step with this process: the portal roles exist, and the portal's
/// client is registered with the redirect URIs under which browsers reach this process.
/// </summary>
/// <remarks>
/// The redirect URIs are written in <see cref="StartedAsync"/>, after the server has bound, because only then is
/// the port known (port 0 in tests). Every loopback binding is registered as localhost, 127.0.0.1 and [::1];
/// <c>Portal:PublicOrigin</c> (with its path) and <see cref="PortalSignInOptions.PublicOrigins"/> add the names a reverse
/// proxy serves; under <c>ReverseProxy:PathBase</c> the loopback addresses are registered with and without it. OpenIddict then checks
/// redirect URIs by exact match, as it does for any client. Loopback URIs already registered by another instance on
/// the same database stay registered. With an external provider the client is removed, so no code can be issued for it.
/// </remarks>
internal sealed class BuiltInProviderRegistration(IServiceScopeFactory scopes, IServer server, IOptions<PortalSignInOptions> options,
    PortalPublicOrigin publicOrigin, IOptions<ReverseProxyOptions> proxy, ILogger<BuiltInProviderRegistration> logger)
    : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded) throw new InvalidOperationException($"The role {role} could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await applications.FindByClientIdAsync(BuiltInProvider.ClientId, cancellationToken);
        if (!options.Value.UsesBuiltInProvider)
        {
            if (existing is not null) await applications.DeleteAsync(existing, cancellationToken);
            return;
        }

        var descriptor = Descriptor();
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await KeepOtherInstancesLoopbackUrisAsync(applications, existing, descriptor, cancellationToken);
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("The built-in provider accepts sign-ins for {Origins}.", string.Join(", ", descriptor.RedirectUris));
        }
    }

    private OpenIddictApplicationDescriptor Descriptor()
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = BuiltInProvider.ClientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "BlazorKeyPortal",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        // Base addresses (origin and path) the OIDC handler builds its callback under: Request.PathBase is empty on the
        // portal's own address and the path base through the proxy.
        var pathBase = proxy.Value.PathBase ?? "";
        var loopback = PortalOrigins.Loopback(server).Select(o => o.GetLeftPart(UriPartial.Authority)).ToList();
        var bases = loopback.Concat(loopback.Select(o => o + pathBase))
            .Concat(options.Value.PublicOrigins.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)))
            .Append(publicOrigin.Value.ToString().TrimEnd('/'))
            .Distinct(StringComparer.Ordinal);
        foreach (var baseUri in bases)
        {
            descriptor.RedirectUris.Add(new Uri(baseUri + SignInServiceCollectionExtensions.CallbackPath));
            descriptor.PostLogoutRedirectUris.Add(new Uri(baseUri + SignInServiceCollectionExtensions.SignedOutCallbackPath));
        }
        return descriptor;
    }

    /// <summary>
    /// Instances on one machine that share a database (a second process beside the first, an overlapping recycle) each
    /// listen on their own loopback port; overwriting the list would sign out every browser of the instance that started
    /// first. Their loopback URIs stay; public origins follow this instance's configuration, so a removed one goes.
    /// </summary>
    private static async Task KeepOtherInstancesLoopbackUrisAsync(IOpenIddictApplicationManager applications, object existing,
        OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        foreach (var uri in (await applications.GetRedirectUrisAsync(existing, cancellationToken)).Select(u => new Uri(u)).Where(u => u.IsLoopback))
        {
            descriptor.RedirectUris.Add(uri);
        }
        foreach (var uri in (await applications.GetPostLogoutRedirectUrisAsync(existing, cancellationToken)).Select(u => new Uri(u)).Where(u => u.IsLoopback))
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
