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
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
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

    private async Task<IssuedSessionKey> IssueAsync(string externalKey, string ttl)
    {
        var snapshot = await portal.Get<PortalCatalog>().GetAsync();
        var outcome = await portal.Get<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "team:1", ExternalKey = externalKey, Ttl = ttl },
            KeyIssuer.User("agent", snapshot.TeamIdsOfUser("agent")), new Uri("http://localhost:5080"));
        return outcome.Key.ShouldNotBeNull();
    }
}
