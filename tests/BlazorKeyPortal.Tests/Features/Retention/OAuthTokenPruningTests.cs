using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Retention;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Tests.Features.Retention;

/// <summary>Dead API tokens are pruned with OpenIddict's own pruning; live ones, and those dead for less than a day, stay.</summary>
public sealed class OAuthTokenPruningTests
{
    [Fact]
    public async Task Ten_thousand_tokens_issued_and_expired_leave_only_the_live_ones_after_pruning()
    {
        await using var portal = new PortalFactory().Started();
        var now = portal.Clock.GetUtcNow();
        // OpenIddict judges expiry by the system clock: these expired days before either clock's now.
        var expired = await AddTokensAsync(portal, 10_000, createdAt: now.AddDays(-3), lifetime: TimeSpan.FromHours(1));
        var revokedLongAgo = await AddTokensAsync(portal, 50, createdAt: now.AddDays(-3), lifetime: TimeSpan.FromDays(30), Statuses.Revoked);
        var live = await AddTokensAsync(portal, 30, createdAt: now.AddMinutes(-5), lifetime: TimeSpan.FromHours(1));
        var revokedToday = await AddTokensAsync(portal, 5, createdAt: now.AddHours(-2), lifetime: TimeSpan.FromHours(1), Statuses.Revoked);

        var (pruned, _) = await portal.Get<OAuthTokenPruning>().PruneAsync();

        pruned.ShouldBe(expired.Count + revokedLongAgo.Count);
        var remaining = await TokenIdsAsync(portal);
        remaining.ShouldBe([.. live, .. revokedToday], ignoreOrder: true);
    }

    [Fact]
    public async Task Dead_tokens_are_pruned_every_hour_without_being_asked()
    {
        await using var portal = new PortalFactory().Started();
        await AddTokensAsync(portal, 10, createdAt: portal.Clock.GetUtcNow().AddDays(-2), lifetime: TimeSpan.FromHours(1));

        portal.Clock.Advance(OAuthTokenPruningService.Period);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await TokenIdsAsync(portal)).Count > 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the pruning did not run");
            await Task.Delay(50);
        }
    }

    /// <summary>Real OpenIddict token entities of the demo API account, stored in one transaction for speed.</summary>
    private static async Task<List<string>> AddTokensAsync(PortalFactory portal, int count, DateTimeOffset createdAt, TimeSpan lifetime, string status = Statuses.Valid)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var application = await db.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.ClientId == CommandApiClient.FullAccess);
        var tokens = Enumerable.Range(0, count).Select(_ => new OpenIddictEntityFrameworkCoreToken
        {
            Id = Guid.NewGuid().ToString(),
            Application = application,
            Subject = CommandApiClient.FullAccess,
            Type = TokenTypeIdentifiers.AccessToken,
            Status = status,
            CreationDate = createdAt.UtcDateTime,
            ExpirationDate = (createdAt + lifetime).UtcDateTime,
        }).ToList();
        db.AddRange(tokens);
        await db.SaveChangesAsync();
        return [.. tokens.Select(t => t.Id!)];
    }

    private static async Task<List<string>> TokenIdsAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OpenIddictEntityFrameworkCoreToken>().Select(t => t.Id!).ToListAsync();
    }
}
