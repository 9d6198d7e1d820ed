using System.Collections.Concurrent;
using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// An API account holds at most <see cref="TokenServerOptions.MaxLiveTokensPerAccount"/> live tokens:
/// before a new one is issued, the oldest beyond the limit are revoked. Revocation goes through
/// OpenIddict's token manager so that its caches see it at once.
/// </summary>
public sealed class ApiTokenLimit(IServiceScopeFactory scopes, IOptions<TokenServerOptions> options, ApiTokenCache cache, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> LockAsync(string clientId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(clientId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>Revokes the oldest live tokens so that one more keeps the account within its limit.</summary>
    public async Task MakeRoomAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tokenIds = await LiveTokenIdsNewestFirstAsync(scope.ServiceProvider, clientId, cancellationToken);
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var revoking = tokenIds.Skip(options.Value.MaxLiveTokensPerAccount - 1).ToList();
        if (revoking.Count > 0) cache.Forget(clientId);
        foreach (var id in revoking)
        {
            if (await tokens.FindByIdAsync(id, cancellationToken) is { } token)
            {
                await tokens.TryRevokeAsync(token, cancellationToken);
            }
        }
        if (revoking.Count > 0) cache.Forget(clientId);
    }

    /// <summary>Revokes every token of an account (its secret was regenerated, or it was disabled).</summary>
    public async Task RevokeAllAsync(string clientId, CancellationToken cancellationToken)
    {
        cache.Forget(clientId);
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        foreach (var id in await LiveTokenIdsNewestFirstAsync(scope.ServiceProvider, clientId, cancellationToken))
        {
            if (await tokens.FindByIdAsync(id, cancellationToken) is { } token)
            {
                await tokens.TryRevokeAsync(token, cancellationToken);
            }
        }
        cache.Forget(clientId);
    }

    /// <summary>The live access tokens of an account with their issue time, newest first.</summary>
    public async Task<IReadOnlyList<(string Id, DateTime CreatedUtc, DateTime ExpiresUtc)>> LiveTokensAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await LiveTokens(db, clientId, now)
            .Select(t => new { t.Id, t.CreationDate, t.ExpirationDate })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id!, r.CreationDate ?? now, r.ExpirationDate ?? now)).ToList();
    }

    private async Task<List<string>> LiveTokenIdsNewestFirstAsync(IServiceProvider services, string clientId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        return (await LiveTokens(db, clientId, time.GetUtcNow().UtcDateTime).Select(t => t.Id).ToListAsync(cancellationToken))!;
    }

    /// <summary>Newest first, exactly: <see cref="IssueOrderTokenStore"/> keeps each account's creation dates strictly increasing.</summary>
    private static IQueryable<OpenIddictEntityFrameworkCoreToken> LiveTokens(PortalDbContext db, string clientId, DateTime nowUtc) =>
        db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Application!.ClientId == clientId && t.Type == TokenTypeIdentifiers.AccessToken
                && t.Status == Statuses.Valid && t.ExpirationDate > nowUtc)
            .OrderByDescending(t => t.CreationDate);

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
