using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>Outside Development the portal refuses to start while a demo account could still sign in.</summary>
internal sealed class DemoDataGuard(IDbContextFactory<PortalDbContext> contextFactory) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var demoIds = DevelopmentSeed.ApiAccounts.Select(a => a.ClientId).ToList();
        var enabled = await db.ApiAccounts.Where(a => a.IsEnabled && demoIds.Contains(a.ClientId)).OrderBy(a => a.ClientId).Select(a => a.ClientId).ToListAsync(cancellationToken);
        if (enabled.Count > 0)
        {
            throw new InvalidOperationException(
                $"The demo API accounts {string.Join(", ", enabled)} exist in this database. They are for Development only; disable them before starting in another environment.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
