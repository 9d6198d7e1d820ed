using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>
/// The Development data that the README, the tests and the source document's query examples rely on.
/// Exact by design: change it only together with them. Applied once, to an empty database.
/// </summary>
public sealed class DevelopmentSeed(DatabaseWriter writer, ApiAccountProvisioner apiAccounts, PortalCatalog catalog, ILogger<DevelopmentSeed> logger)
{
    public static readonly (string ClientId, string Secret, CommandPermission Permission)[] ApiAccounts =
    [
        ("demo-full-access", "demo-full-secret", CommandPermission.FullAccess),
        ("demo-read-only", "demo-read-secret", CommandPermission.ReadOnly),
        ("demo-deny", "demo-deny-secret", CommandPermission.Deny),
    ];

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var seeded = await writer.WriteAsync(scope =>
        {
            var db = scope.Db;
            if (db.PublicSites.Any()) return false;

            var support = new PublicSite
            {
                Id = 1, Name = "Support", IsPrimary = true, Title = "Example Support", Color = "#1565c0",
                Notice = "Enter the seven-digit session key your support contact gave you.",
                Hostnames = [new() { Hostname = "support.localhost", IsPrimary = true }, new() { Hostname = "support.example.com" }],
            };
            var remote = new PublicSite
            {
                Id = 2, Name = "Remote", Title = "Example Remote Assistance", Color = "#2e7d32",
                Notice = "Remote assistance for field offices.",
                Hostnames = [new() { Hostname = "remote.localhost", IsPrimary = true }, new() { Hostname = "remote.example.com" }],
            };
            var skill1 = new Skill { Id = 1, CodeName = "codename1", Name = "Windows" };
            var skill2 = new Skill { Id = 2, CodeName = "codename2", Name = "Networking" };
            var tier1 = new SupportTeam { Id = 1, CodeName = "tier1", Name = "Tier 1 Support", DefaultSiteId = 1 };
            var afterHours = new SupportTeam { Id = 2, CodeName = "after_hours", Name = "After-hours Queue", IsPersistent = true };
            var partners = new Embassy { Id = 1, Name = "Partner Desk" };

            db.PublicSites.AddRange(support, remote);
            db.Skills.AddRange(skill1, skill2);
            db.SupportTeams.AddRange(tier1, afterHours);
            db.Embassies.Add(partners);
            db.Representatives.AddRange(
                new Representative { Id = 1, Username = "admin", PublicDisplayName = "Alex Morgan", PrivateDisplayName = "Alex Morgan (Tier 1)", PortalUserName = "agent", Teams = [tier1], Skills = [skill1] },
                new Representative { Id = 2, Username = "jsmith", PublicDisplayName = "John Smith", PrivateDisplayName = "John Smith (Tier 1)", PortalUserName = "agent2", Teams = [tier1], Skills = [skill2] },
                new Representative { Id = 3, Username = "jsmith", PublicDisplayName = "Jane Smith", PrivateDisplayName = "Jane Smith (after hours)", Teams = [afterHours], Embassies = [partners] });
            db.SupportIssues.Add(new SupportIssue { Id = 1, CodeName = "other", Description = "Something else", Team = tier1 });
            db.CustomFieldDefinitions.AddRange(Enumerable.Range(1, 10).Select(i =>
                new CustomFieldDefinition { Id = i, CodeName = $"custom_field{i}", DisplayName = $"Custom field {i}" }));
            db.SaveChanges();
            scope.Audit(new AuditRecord("system", AuditActions.SeedApplied, Details: AuditRecord.Serialize(new { data = "development" })));
            return true;
        }, cancellationToken);

        if (!seeded) return;
        foreach (var (clientId, secret, permission) in ApiAccounts)
        {
            await apiAccounts.CreateAsync("system", clientId, clientId, permission, "", secret, cancellationToken);
        }
        await catalog.InvalidateAsync(cancellationToken);
        logger.LogInformation("Development data seeded: sites Support and Remote, demo API accounts.");
    }
}

/// <summary>
/// Seeds Development data after the writer has started and before the web server listens (hosted services
/// start before the server), so no request ever sees a half-seeded portal.
/// </summary>
internal sealed class DevelopmentSeedService(DevelopmentSeed seed, DevelopmentUsers users) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await seed.ApplyAsync(cancellationToken);
        await users.ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
