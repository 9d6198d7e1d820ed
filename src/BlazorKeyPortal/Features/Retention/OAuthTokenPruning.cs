using BlazorKeyPortal.Data;
using OpenIddict.Abstractions;

namespace BlazorKeyPortal.Features.Retention;

/// <summary>
/// Deletes API access tokens (and OAuth authorizations) that can no longer be used, with OpenIddict's own pruning: every
/// token request stores a reference token, so a busy integration leaves thousands of dead rows a day.
/// </summary>
/// <remarks>
/// OpenIddict prunes entries created before the threshold that are expired (by the system clock), revoked or redeemed,
/// or whose authorization is no longer valid, 1,000 rows per statement. A token created less than
/// <see cref="KeptAfterCreation"/> ago is kept whatever its state, so the API accounts page can still show a token
/// revoked this morning. The deletes run on OpenIddict's own connection, as token issue does: each statement is short,
/// and the single writer waits for it no longer than for a token being issued.
/// </remarks>
public sealed class OAuthTokenPruning(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan KeptAfterCreation = TimeSpan.FromDays(1);

    /// <summary>Prunes once; returns the tokens and authorizations deleted.</summary>
    public async Task<(long Tokens, long Authorizations)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var threshold = time.GetUtcNow() - KeptAfterCreation;
        await using var scope = scopes.CreateAsyncScope();
        // Tokens first: an authorization is pruned only once no token refers to it.
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        return (tokens, authorizations);
    }
}

/// <summary>Applies <see cref="OAuthTokenPruning"/> once an hour.</summary>
internal sealed class OAuthTokenPruningService(OAuthTokenPruning pruning, TimeProvider time, ILogger<OAuthTokenPruningService> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(time, Period, PruneAsync, ex => logger.LogWarning(ex, "Expired API tokens could not be pruned."), stoppingToken);

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var (tokens, authorizations) = await pruning.PruneAsync(cancellationToken);
        if (tokens + authorizations > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Pruned {Tokens} API tokens and {Authorizations} authorizations.", tokens, authorizations);
        }
    }
}
