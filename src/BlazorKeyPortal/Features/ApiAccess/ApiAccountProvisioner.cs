using System.Security.Cryptography;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// Creates API accounts and regenerates their secrets. The secret lives only as OpenIddict's hash; the
/// portal's <see cref="ApiAccount"/> row carries permission, networks and state. Every change is audited.
/// </summary>
public sealed class ApiAccountProvisioner(
    IServiceScopeFactory scopes,
    DatabaseWriter writer,
    PortalCatalog catalog,
    ApiTokenLimit tokens,
    TimeProvider time)
{
    /// <summary>A new random client secret: 32 bytes as base64url, shown once.</summary>
    public static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates an account with <paramref name="secret"/> (or a new one) and returns the secret.</summary>
    public async Task<string> CreateAsync(string actor, string name, string clientId, CommandPermission permission, string allowedNetworks,
        string? secret = null, CancellationToken cancellationToken = default)
    {
        secret ??= NewSecret();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = name,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            }, cancellationToken);
        }

        await writer.WriteAsync(scope =>
        {
            var account = new ApiAccount
            {
                Name = name,
                ClientId = clientId,
                CommandPermission = permission,
                AllowedNetworks = allowedNetworks,
                CreatedAt = time.GetUtcNow(),
            };
            scope.Db.ApiAccounts.Add(account);
            scope.Db.SaveChanges();
            scope.Audit(new AuditRecord(actor, AuditActions.ApiAccountChange, AuditSubjects.ApiAccount, clientId,
                AuditRecord.Serialize(new { change = "created", after = new { name, client_id = clientId, permission = permission.ToString(), allowed_networks = allowedNetworks } })));
            return account.Id;
        }, cancellationToken);
        await catalog.InvalidateAsync(cancellationToken);
        return secret;
    }

    /// <summary>Replaces the secret and revokes every token of the account at once; returns the new secret.</summary>
    public async Task<string> RegenerateSecretAsync(string actor, string clientId, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
                ?? throw new InvalidOperationException($"API account '{clientId}' has no OAuth2 client.");
            await applications.UpdateAsync(application, secret, cancellationToken);
        }
        await tokens.RevokeAllAsync(clientId, cancellationToken);
        await writer.WriteAsync(scope =>
        {
            var account = scope.Db.ApiAccounts.Single(a => a.ClientId == clientId);
            account.SecretRegeneratedAt = time.GetUtcNow();
            scope.Db.SaveChanges();
            scope.Audit(new AuditRecord(actor, AuditActions.ApiAccountChange, AuditSubjects.ApiAccount, clientId,
                AuditRecord.Serialize(new { change = "secret_regenerated", tokens = "all revoked" })));
            return 0;
        }, cancellationToken);
        await catalog.InvalidateAsync(cancellationToken);
        return secret;
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
