using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.Users;

/// <summary>
/// Which portal roles must sign in with a second factor: a claim on the role in the database (Identity's role claims),
/// so the setting needs no column of its own and holds for every instance that shares the database.
/// </summary>
public sealed class TwoFactorRequirements(IServiceScopeFactory scopes, DatabaseWriter writer)
{
    public const string RequiredClaim = "portal:requires_two_factor";

    /// <summary>The roles that require two-factor sign-in, in the portal's order.</summary>
    public async Task<IReadOnlyList<string>> RequiringRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var requiring = new List<string>();
        foreach (var name in PortalRoles.All)
        {
            if (await roles.FindByNameAsync(name) is { } role && (await roles.GetClaimsAsync(role)).Any(c => c.Type == RequiredClaim)) requiring.Add(name);
        }
        return requiring;
    }

    public async Task<bool> RequiredForAsync(IEnumerable<string> roles)
    {
        var requiring = await RequiringRolesAsync();
        return roles.Any(r => requiring.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Requires (or no longer requires) two-factor sign-in of <paramref name="roleName"/>'s users, audited under <paramref name="actor"/>.</summary>
    public async Task SetAsync(string actor, string roleName, bool required, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var role = await roles.FindByNameAsync(roleName);
        if (role is null)
        {
            role = new IdentityRole(roleName);
            await roles.CreateAsync(role);
        }
        var existing = (await roles.GetClaimsAsync(role)).Where(c => c.Type == RequiredClaim).ToList();
        if (existing.Count > 0 == required) return;
        foreach (var claim in existing) await roles.RemoveClaimAsync(role, claim);
        if (required) await roles.AddClaimAsync(role, new(RequiredClaim, "true"));
        await writer.WriteAsync(write =>
        {
            write.Audit(new AuditRecord(actor, AuditActions.AdminChange, "role", roleName,
                AuditRecord.Serialize(new { change = "two-factor requirement", before = !required, after = required })));
            return 0;
        }, cancellationToken);
    }
}
