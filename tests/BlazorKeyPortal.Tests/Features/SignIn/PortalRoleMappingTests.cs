using System.Security.Claims;
using BlazorKeyPortal.Features.SignIn;

namespace BlazorKeyPortal.Tests.Features.SignIn;

public sealed class PortalRoleMappingTests
{
    [Fact]
    public void Provider_groups_map_to_portal_roles_and_portal_role_names_count_as_themselves()
    {
        var options = new PortalSignInOptions
        {
            RoleClaim = "groups",
            GroupRoles = new(StringComparer.OrdinalIgnoreCase) { ["GRP-Helpdesk"] = "Agent", ["GRP-Leads"] = "supervisor" },
        };
        var provider = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("groups", "grp-helpdesk"), new Claim("groups", "GRP-Leads"), new Claim("groups", "admin"), new Claim("groups", "Unrelated")], "test"));

        var roles = PortalRoleMapping.Map(provider, options);

        roles.ShouldBe([PortalRoles.Admin, PortalRoles.Agent, PortalRoles.Supervisor]);
    }

    [Fact]
    public void Claims_other_than_the_configured_role_claim_give_no_role()
    {
        var options = new PortalSignInOptions { RoleClaim = "roles" };
        var provider = new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "Admin")], "test"));

        PortalRoleMapping.Map(provider, options).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/keys/new?queue_id=team:1", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("keys", false)]
    [InlineData("", false)]
    public void Only_paths_on_this_site_are_return_addresses(string url, bool local)
    {
        ReturnUrls.IsLocal(url).ShouldBe(local);
    }
}
