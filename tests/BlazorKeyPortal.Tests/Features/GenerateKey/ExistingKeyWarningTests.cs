using System.Security.Claims;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

public sealed class ExistingKeyWarningTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_unexpired_key_for_the_same_external_key_is_named_before_another_is_issued()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, c => SignIn(c, "agent"));
        var key = await IssueAsync("INC0055555", ttl: "600");

        var cut = context.Render<ExistingKeyWarning>(p => p.Add(c => c.ExternalKey, "INC0055555"));

        var warning = cut.Find("[data-testid=existing-key-warning]").TextContent;
        warning.ShouldContain(ShortKeyFormat.Grouped(key.ShortKey));
        warning.ShouldContain("issued by agent");
    }

    [Fact]
    public async Task An_expired_key_is_no_reason_for_a_warning()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        await IssueAsync("INC0066666", ttl: "60");
        portal.Clock.Advance(TimeSpan.FromMinutes(2));

        var cut = context.Render<ExistingKeyWarning>(p => p.Add(c => c.ExternalKey, "INC0066666"));

        cut.FindAll("[data-testid=existing-key-warning]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_agent_is_told_that_another_agents_key_exists_but_is_not_shown_it()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, c => SignIn(c, "agent"));
        var others = await IssueAsync("INC0077770", ttl: "600", userName: "agent2");

        var cut = context.Render<ExistingKeyWarning>(p => p.Add(c => c.ExternalKey, "INC0077770"));

        var warning = cut.Find("[data-testid=existing-key-warning]").TextContent;
        warning.ShouldContain("issued by agent2");
        warning.ShouldContain("Only its issuer and supervisors see another issuer's key.");
        cut.Markup.ShouldNotContain(others.ShortKey);
        cut.Markup.ShouldNotContain(ShortKeyFormat.Grouped(others.ShortKey));
    }

    [Fact]
    public async Task A_supervisor_is_shown_every_issuers_key()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, c => SignIn(c, "sam", "Supervisor"));
        var others = await IssueAsync("INC0088888", ttl: "600", userName: "agent2");

        var cut = context.Render<ExistingKeyWarning>(p => p.Add(c => c.ExternalKey, "INC0088888"));

        cut.Find("[data-testid=existing-key-warning]").TextContent.ShouldContain(ShortKeyFormat.Grouped(others.ShortKey));
    }

    private static void SignIn(BunitContext context, string userName, string role = "Agent") =>
        context.AddAuthorization().SetAuthorized(userName).SetClaims(new Claim("preferred_username", userName)).SetRoles(role);

    private async Task<IssuedSessionKey> IssueAsync(string externalKey, string ttl, string userName = "agent")
    {
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        var outcome = await portal.Get<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "team:1", ExternalKey = externalKey, Ttl = ttl },
            KeyIssuer.User(userName, snapshot.TeamIdsOfUser(userName)), new Uri("http://localhost:5080"));
        return outcome.Key.ShouldNotBeNull();
    }
}
