using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// Reads <c>get_support_teams</c> (with members) and <c>get_logged_in_reps</c> at start and then every
/// <see cref="ApplianceOptions.RefreshSeconds"/>, in appliance mode only. A change of routing reloads the
/// catalog, so pages and the command API see it at once; a change of logins is announced to availability.
/// </summary>
public sealed class ApplianceDirectoryRefresher(
    ApplianceClient appliance,
    ApplianceDirectory directory,
    PortalCatalog catalog,
    IOptions<KeyAuthorityOptions> keyAuthority,
    IOptions<ApplianceOptions> options,
    TimeProvider time,
    ILogger<ApplianceDirectoryRefresher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>Reads routing and logins now; returns false (and keeps the last good data) when the appliance fails.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<ApplianceTeam> teams;
            IReadOnlyList<ApplianceLogin> logins;
            try
            {
                teams = await appliance.GetSupportTeamsAsync(cancellationToken);
                logins = await appliance.GetLoggedInRepsAsync(cancellationToken);
            }
            catch (ApplianceException ex)
            {
                directory.RecordFailure(ex.Message, time.GetUtcNow());
                logger.LogWarning("Routing and logins could not be read from the appliance: {Reason}", ex.Message);
                return false;
            }

            var (routingChanged, loginsChanged) = directory.Apply(teams, logins, time.GetUtcNow());
            if (routingChanged) await catalog.InvalidateAsync(cancellationToken);
            if (loginsChanged) directory.NotifyLoginsChanged();
            return true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !keyAuthority.Value.IsAppliance ? Task.CompletedTask
            // A round that fails on the database (the catalog could not be reloaded) is retried at the next tick.
            : PeriodicWork.RunAsync(time, TimeSpan.FromSeconds(options.Value.RefreshSeconds), RefreshAsync,
                ex => logger.LogError(ex, "Refreshing routing from the appliance failed."), stoppingToken, runFirst: true);
}
