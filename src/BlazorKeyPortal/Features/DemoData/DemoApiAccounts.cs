using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>
/// Recognises the demo API accounts, whose client ids and secrets are published in the README: by client id, or by
/// a stored secret that verifies against one of the demo secrets (an account renamed in the database, or one created
/// with a demo secret). Only OpenIddict's hash of a secret is stored, so each demo secret is checked against it.
/// </summary>
public sealed class DemoApiAccounts(IServiceScopeFactory scopes)
{
    /// <summary>Whether <paramref name="clientId"/> is one of the Development seed's API accounts.</summary>
    public static bool IsDemoClientId(string clientId) => DevelopmentSeed.ApiAccounts.Any(a => a.ClientId == clientId);

    /// <summary>Whether the account's stored secret is one of the demo secrets.</summary>
    public async Task<bool> HasDemoSecretAsync(string clientId, CancellationToken cancellationToken) =>
        (await WithDemoSecretAsync([clientId], cancellationToken)).Count > 0;

    /// <summary>The client ids of every API account whose stored secret is one of the demo secrets, in order.</summary>
    public async Task<IReadOnlyList<string>> WithDemoSecretAsync(CancellationToken cancellationToken) =>
        await WithDemoSecretAsync(null, cancellationToken);

    private async Task<IReadOnlyList<string>> WithDemoSecretAsync(IReadOnlyList<string>? only, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var comparer = ActivatorUtilities.CreateInstance<SecretComparer>(scope.ServiceProvider);
        var accounts = from account in db.ApiAccounts
                       join client in db.Set<OpenIddictEntityFrameworkCoreApplication>() on account.ClientId equals client.ClientId
                       where client.ClientSecret != null
                       select new { account.ClientId, client.ClientSecret };
        if (only is not null) accounts = accounts.Where(a => only.Contains(a.ClientId));

        var found = new List<string>();
        foreach (var account in await accounts.AsNoTracking().OrderBy(a => a.ClientId).ToListAsync(cancellationToken))
        {
            foreach (var (_, secret, _) in DevelopmentSeed.ApiAccounts)
            {
                if (!await comparer.MatchesAsync(secret, account.ClientSecret!, cancellationToken)) continue;
                found.Add(account.ClientId);
                break;
            }
        }
        return found;
    }

    /// <summary>
    /// OpenIddict's own comparison of a secret with its stored hash (its format, in constant time), without the
    /// manager's log line for each mismatch: every account is checked against every demo secret, and those lines
    /// would read like failed sign-ins.
    /// </summary>
    private sealed class SecretComparer(
        IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
        ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
        IOptionsMonitor<OpenIddictCoreOptions> options,
        IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
        : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
    {
        public ValueTask<bool> MatchesAsync(string secret, string hash, CancellationToken cancellationToken) =>
            ValidateClientSecretAsync(secret, hash, cancellationToken);
    }
}
