using System.Security.Claims;
using Bunit;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>An agent reaches a key's page from My keys: their own keys, with revocation; nobody else's.</summary>
public sealed class KeyDetailPageForAgentTests : ComponentTestContext, IClassFixture<HistoryDataset>
{
    private readonly HistoryDataset _history;

    public KeyDetailPageForAgentTests(HistoryDataset history)
    {
        _history = history;
        Services.AddSingleton(history.Get<KeyDetailQuery>());
        Services.AddSingleton(history.Get<BlazorKeyPortal.Features.Invitations.InvitationQuery>());
        Services.AddSingleton(history.Get<BlazorKeyPortal.Features.Invitations.InvitationEvents>());
        Services.AddSingleton<IValidator<RevokeRequest>, RevokeRequestValidator>();
        Services.AddScoped(sp => new KeyRevocation(history.Get<DatabaseWriter>(), sp.GetRequiredService<IAuthorizationService>(),
            sp.GetRequiredService<IValidator<RevokeRequest>>(), history.Get<BlazorKeyPortal.Features.Telemetry.PortalMetrics>(), history.Clock));
        var auth = AddAuthorization();
        auth.SetAuthorized("agent");
        auth.SetClaims(new Claim(PortalClaims.UserName, "agent"));
        auth.SetPolicies(PortalPolicies.IssueKeys);
    }

    [Fact]
    public void The_agent_who_issued_an_active_key_sees_it_and_may_revoke_it()
    {
        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, _history["1000004"].Id));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldContain("Key 1000004"), WaitTimeout);
        cut.Markup.ShouldContain("Revoke this key");
        cut.Markup.ShouldContain("Back to my keys");
    }

    [Fact]
    public async Task The_agent_who_issued_a_key_sees_its_invitations_addresses_in_full()
    {
        var key = _history["1000004"];
        await BlazorKeyPortal.Tests.Features.Invitations.InvitationRows.AddSentAsync(_history, key.Id, "jane.doe@example.com");

        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, key.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-recipient]").TextContent.ShouldBe("jane.doe@example.com"), WaitTimeout);
    }

    [Fact]
    public void Another_agents_key_reads_as_not_found()
    {
        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, _history["1000003"].Id));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe("Key not found"), WaitTimeout);
        cut.Markup.ShouldContain("that you issued");
        cut.Markup.ShouldNotContain("1000003");
    }
}
