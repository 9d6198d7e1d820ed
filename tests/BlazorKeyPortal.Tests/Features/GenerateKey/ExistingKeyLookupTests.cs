using System.Security.Claims;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>
/// Who learns what about live keys for an external key: agents see their own keys whole and only that others' exist;
/// supervisors and administrators see every key.
/// </summary>
public sealed class ExistingKeyLookupTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_agent_gets_their_own_key_whole_and_of_other_issuers_keys_only_issuer_and_times()
    {
        var (agents, agent2s, apis) = await IssueThreeAsync("INC1000001");

        var found = await Lookup.FindAsync("INC1000001", TestUsers.Agent("agent"));

        found.Count.ShouldBe(3);
        var own = found.Single(k => k.IssuedBy == "agent");
        (own.ShortKey, own.Queue).ShouldBe((agents.ShortKey, "team:1"));
        foreach (var other in found.Where(k => k.IssuedBy != "agent"))
        {
            other.ShortKey.ShouldBeNull();
            other.Queue.ShouldBeNull();
            other.IsShown.ShouldBeFalse();
        }
        found.Single(k => k.IssuedBy == "agent2").ExpiresAt.ShouldBe(agent2s.ExpiresAt);
        found.Single(k => k.IssuedBy == CommandApiClient.FullAccess).IssuedAt.ShouldBe(apis.IssuedAt);
    }

    [Fact]
    public async Task Another_agent_does_not_get_the_first_agents_key()
    {
        var (agents, _, _) = await IssueThreeAsync("INC1000002");

        var found = await Lookup.FindAsync("INC1000002", TestUsers.Agent("agent2"));

        found.Select(k => k.ShortKey).ShouldNotContain(agents.ShortKey);
        found.Single(k => k.IssuedBy == "agent").IsShown.ShouldBeFalse();
        found.Single(k => k.IssuedBy == "agent2").IsShown.ShouldBeTrue();
    }

    [Theory]
    [InlineData(PortalRoles.Supervisor)]
    [InlineData(PortalRoles.Admin)]
    public async Task Supervisors_and_administrators_get_every_issuers_key(string role)
    {
        var ticket = $"INC10001{role.Length:00}";
        var (agents, agent2s, apis) = await IssueThreeAsync(ticket);

        var found = await Lookup.FindAsync(ticket, TestUsers.User("boss", role));

        found.Select(k => k.ShortKey).Order().ShouldBe(new[] { agents.ShortKey, agent2s.ShortKey, apis.ShortKey }.Order());
    }

    [Fact]
    public async Task A_viewer_without_a_name_gets_no_short_key()
    {
        await IssueThreeAsync("INC1000003");

        var anonymous = await Lookup.FindAsync("INC1000003", new ClaimsPrincipal(new ClaimsIdentity()));
        var nameless = await Lookup.FindAsync("INC1000003", TestUsers.User("", PortalRoles.Agent));

        anonymous.Count.ShouldBe(3);
        anonymous.ShouldAllBe(k => k.ShortKey == null);
        nameless.ShouldAllBe(k => k.ShortKey == null);
    }

    private ExistingKeyLookup Lookup => portal.Get<ExistingKeyLookup>();

    private async Task<(IssuedSessionKey Agents, IssuedSessionKey Agent2s, IssuedSessionKey Apis)> IssueThreeAsync(string externalKey)
    {
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        async Task<IssuedSessionKey> IssueAsync(KeyIssuer issuer)
        {
            var outcome = await portal.Get<SessionKeyService>().GenerateAsync(
                new SessionKeyRequest { QueueId = "team:1", ExternalKey = externalKey, Ttl = "600" }, issuer, new Uri("http://localhost:5080"));
            return outcome.Key.ShouldNotBeNull(string.Join("; ", outcome.Errors.Select(e => e.ErrorMessage)));
        }
        var apiAccount = snapshot.ApiAccountByClientId[CommandApiClient.FullAccess];
        return (await IssueAsync(KeyIssuer.User("agent", snapshot.TeamIdsOfUser("agent"))),
            await IssueAsync(KeyIssuer.User("agent2", snapshot.TeamIdsOfUser("agent2"))),
            await IssueAsync(KeyIssuer.ApiAccount(apiAccount.ClientId, apiAccount.Id)));
    }
}
