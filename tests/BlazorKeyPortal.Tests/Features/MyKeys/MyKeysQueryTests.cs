using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.MyKeys;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.MyKeys;

public sealed class MyKeysQueryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task My_keys_lists_the_users_own_keys_newest_first_and_none_of_another_agents_or_an_api_accounts()
    {
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        var apiAccount = snapshot.ApiAccountByClientId[CommandApiClient.FullAccess];
        var first = await IssueAsync(KeyIssuer.User("agent", snapshot.TeamIdsOfUser("agent")), "MINE-1");
        var others = await IssueAsync(KeyIssuer.User("agent2", snapshot.TeamIdsOfUser("agent2")), "THEIRS");
        var api = await IssueAsync(KeyIssuer.ApiAccount(apiAccount.ClientId, apiAccount.Id), "API");
        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await IssueAsync(KeyIssuer.User("agent", snapshot.TeamIdsOfUser("agent")), "MINE-2");

        var mine = await portal.Get<MyKeysQuery>().RecentAsync("agent");

        mine.Select(k => k.ShortKey).ShouldBe([second.ShortKey, first.ShortKey]);
        mine.Select(k => k.ExternalKey).ShouldBe(["MINE-2", "MINE-1"]);
        mine.Select(k => k.ShortKey).ShouldNotContain(others.ShortKey);
        mine.Select(k => k.ShortKey).ShouldNotContain(api.ShortKey);
        (await portal.Get<MyKeysQuery>().RecentAsync(CommandApiClient.FullAccess)).ShouldBeEmpty();
    }

    private async Task<IssuedSessionKey> IssueAsync(KeyIssuer issuer, string externalKey)
    {
        var outcome = await portal.Get<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "team:1", ExternalKey = externalKey }, issuer, new Uri("http://localhost:5080"));
        return outcome.Key.ShouldNotBeNull(string.Join("; ", outcome.Errors.Select(e => e.ErrorMessage)));
    }
}
