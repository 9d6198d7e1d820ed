using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace BlazorKeyPortal.Tests.Features.SignIn;

public sealed class PortalPoliciesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(PortalRoles.Agent, PortalPolicies.IssueKeys, true)]
    [InlineData(PortalRoles.Agent, PortalPolicies.ReviewHistory, false)]
    [InlineData(PortalRoles.Agent, PortalPolicies.Administer, false)]
    [InlineData(PortalRoles.Supervisor, PortalPolicies.IssueKeys, true)]
    [InlineData(PortalRoles.Supervisor, PortalPolicies.ReviewHistory, true)]
    [InlineData(PortalRoles.Supervisor, PortalPolicies.Administer, false)]
    [InlineData(PortalRoles.Admin, PortalPolicies.IssueKeys, true)]
    [InlineData(PortalRoles.Admin, PortalPolicies.ReviewHistory, true)]
    [InlineData(PortalRoles.Admin, PortalPolicies.Administer, true)]
    public async Task A_role_meets_exactly_the_policies_it_should(string role, string policy, bool expected)
    {
        var user = PortalClaims.Principal("someone", "Someone", "sub-1", [role]);

        var result = await portal.Started().Get<IAuthorizationService>().AuthorizeAsync(user, policy);

        result.Succeeded.ShouldBe(expected);
    }

    [Theory]
    [InlineData(PortalPolicies.IssueKeys)]
    [InlineData(PortalPolicies.ReviewHistory)]
    [InlineData(PortalPolicies.Administer)]
    public async Task A_signed_in_user_without_a_portal_role_meets_no_policy(string policy)
    {
        var user = PortalClaims.Principal("visitor", "Visitor", "sub-2", []);

        var result = await portal.Started().Get<IAuthorizationService>().AuthorizeAsync(user, policy);

        result.Succeeded.ShouldBeFalse();
    }
}
