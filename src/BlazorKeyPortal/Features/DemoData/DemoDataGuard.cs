using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>Outside Development the portal refuses to start while a demo account could still sign in.</summary>
internal sealed class DemoDataGuard(IDbContextFactory<PortalDbContext> contextFactory, IOptions<PortalSignInOptions> signIn) : IHostedLifecycleService
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

        // With an external provider nobody signs in with a local password, so local users are inert.
        if (!signIn.Value.UsesBuiltInProvider) return;

        var demoNames = DevelopmentUsers.Users.Select(u => u.UserName.ToUpperInvariant()).ToList();
        var found = await db.Users.Where(u => demoNames.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        var demoUsers = DevelopmentUsers.Users.Select(u => u.UserName).Where(n => found.Contains(n.ToUpperInvariant())).ToList();
        if (demoUsers.Count > 0)
        {
            throw new InvalidOperationException(
                $"The Development users {string.Join(", ", demoUsers)} exist in the built-in provider. They are for Development only; delete them before starting in another environment.");
        }

        var hasher = new PasswordHasher<IdentityUser>();
        var users = await db.Users.Where(u => u.PasswordHash != null).ToListAsync(cancellationToken);
        var withDemoPassword = users
            .Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash!, DevelopmentUsers.Password) != PasswordVerificationResult.Failed)
            .Select(u => u.UserName).Order(StringComparer.Ordinal).ToList();
        if (withDemoPassword.Count > 0)
        {
            throw new InvalidOperationException(
                $"The users {string.Join(", ", withDemoPassword)} of the built-in provider have the Development password. Set another password before starting in another environment.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
