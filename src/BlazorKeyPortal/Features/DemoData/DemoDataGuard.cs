using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>
/// Outside Development the portal refuses to start while a published demo credential is in the database: a demo API
/// account (enabled or not: an administrator could enable it again), an API account whose secret is a demo secret,
/// a demo user of the built-in provider, or a user with the demo password. Every cause found is named at once.
/// </summary>
internal sealed class DemoDataGuard(IDbContextFactory<PortalDbContext> contextFactory, DemoApiAccounts demoApiAccounts, IOptions<PortalSignInOptions> signIn)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var causes = new List<string>();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);

        var demoIds = DevelopmentSeed.ApiAccounts.Select(a => a.ClientId).ToList();
        var demoAccounts = await db.ApiAccounts.Where(a => demoIds.Contains(a.ClientId)).OrderBy(a => a.ClientId).Select(a => a.ClientId).ToListAsync(cancellationToken);
        if (demoAccounts.Count > 0)
        {
            causes.Add($"The demo API accounts {string.Join(", ", demoAccounts)} exist in this database, enabled or not. Their secrets are published, "
                + "so they are for Development only; delete them (or start on a database that never ran in Development) before starting in another environment.");
        }
        var withDemoSecret = (await demoApiAccounts.WithDemoSecretAsync(cancellationToken)).Except(demoAccounts).ToList();
        if (withDemoSecret.Count > 0)
        {
            causes.Add($"The API accounts {string.Join(", ", withDemoSecret)} have a published demo secret. Regenerate their secrets (or delete them) before starting in another environment.");
        }

        // With an external provider nobody signs in with a local password, so local users are inert.
        if (signIn.Value.UsesBuiltInProvider)
        {
            await CheckUsersAsync(db, causes, cancellationToken);
        }
        if (causes.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, causes));
    }

    private static async Task CheckUsersAsync(PortalDbContext db, List<string> causes, CancellationToken cancellationToken)
    {
        var demoNames = DevelopmentUsers.Users.Select(u => u.UserName.ToUpperInvariant()).ToList();
        var found = await db.Users.Where(u => demoNames.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        var demoUsers = DevelopmentUsers.Users.Select(u => u.UserName).Where(n => found.Contains(n.ToUpperInvariant())).ToList();
        if (demoUsers.Count > 0)
        {
            causes.Add($"The Development users {string.Join(", ", demoUsers)} exist in the built-in provider. They are for Development only; delete them before starting in another environment.");
            return;
        }

        var hasher = new PasswordHasher<IdentityUser>();
        var users = await db.Users.Where(u => u.PasswordHash != null).ToListAsync(cancellationToken);
        var withDemoPassword = users
            .Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash!, DevelopmentUsers.Password) != PasswordVerificationResult.Failed)
            .Select(u => u.UserName).Order(StringComparer.Ordinal).ToList();
        if (withDemoPassword.Count > 0)
        {
            causes.Add($"The users {string.Join(", ", withDemoPassword)} of the built-in provider have the Development password. Set another password before starting in another environment.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
