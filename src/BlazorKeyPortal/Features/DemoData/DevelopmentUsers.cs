using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.DemoData;

/// <summary>
/// The Development sign-ins of the built-in provider. <c>agent</c> and <c>agent2</c> are the portal names of
/// representatives 1 and 2 (team 1). Created once each; the guard refuses them outside Development.
/// </summary>
public sealed class DevelopmentUsers(IServiceScopeFactory scopes, DatabaseWriter writer, ILogger<DevelopmentUsers> logger)
{
    public const string Password = "Passw0rd!";

    public static readonly (string UserName, string Role)[] Users =
    [
        ("agent", PortalRoles.Agent),
        ("agent2", PortalRoles.Agent),
        ("supervisor", PortalRoles.Supervisor),
        ("admin", PortalRoles.Admin),
    ];

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var created = new List<string>();
        foreach (var (userName, role) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var user = new IdentityUser(userName);
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            created.Add(userName);
        }
        if (created.Count == 0) return;

        await writer.WriteAsync(w =>
        {
            w.Audit(new AuditRecord("system", AuditActions.SeedApplied, Details: AuditRecord.Serialize(new { data = "development users", users = created })));
            return 0;
        }, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Development users created: {Users} (password {Password}).", string.Join(", ", created), Password);
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The Development user '{userName}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
