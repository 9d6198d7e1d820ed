using System.Text;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.E2E.Features.GenerateKey;

/// <summary>
/// The Generate page's "a key already exists" warning in a real browser: an agent learns that other issuers' keys
/// exist, but neither the page nor anything the circuit sends carries their short keys or key URLs.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ExistingKeyWarningTests(PortalBrowser browser)
{
    [Fact]
    public async Task An_agent_sees_that_others_keys_exist_for_a_ticket_but_never_their_short_keys()
    {
        // Arrange: agent2 and an API integration each hold a live key for the same ticket, and so does agent
        var ticket = $"INC{Random.Shared.Next(1_000_000, 9_999_999)}";
        var agent2s = await IssueAsUserAsync("agent2", ticket);
        using var api = await new CommandApiClient(browser.Portal.BaseAddress).SignInAsync("demo-full-access", "demo-full-secret");
        var apis = await api.GenerateSessionKeyAsync($"queue_id=general&external_key={ticket}");
        var apiShortKey = apis.Element(CommandApiClient.Command + "short_key")!.Value;
        var apiKeyUrl = apis.Element(CommandApiClient.Command + "key_url")!.Value;
        var agents = await IssueAsUserAsync("agent", ticket);

        var page = await browser.NewPageAsync();
        await using var _ = new ClosingContext(page);
        await new SignInPage(page).OpenAsync("/keys/new");
        await new SignInPage(page).SignInAsync("agent");
        var sent = new StringBuilder();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (sent) sent.Append(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));
        };

        // Act: a link from the help desk with the ticket number, as anyone could type it
        var response = await page.GotoAsync("/keys/new?external_key=" + ticket);
        var generate = new GeneratePage(page);
        await generate.WaitForInteractiveAsync();

        // Assert: the warning names every key's issuer and expiry, and shows agent's own key whole
        await Assertions.Expect(generate.ExistingKeyWarning).ToContainTextAsync("3 keys that are still valid already exist");
        await Assertions.Expect(generate.ExistingKeyWarning).ToContainTextAsync("issued by agent2");
        await Assertions.Expect(generate.ExistingKeyWarning).ToContainTextAsync("issued by demo-full-access");
        await Assertions.Expect(generate.ExistingKeyWarning).ToContainTextAsync(ShortKeyFormat.Grouped(agents.ShortKey));
        await Assertions.Expect(generate.ExistingKeyWarning).ToContainTextAsync("expires");

        // Assert: no trace of the other issuers' keys in the prerendered page, the live page or the circuit's messages
        var prerendered = await response!.TextAsync();
        var live = await page.ContentAsync();
        string received;
        lock (sent) received = sent.ToString();
        foreach (var (what, text) in new[] { ("prerendered page", prerendered), ("live page", live), ("circuit messages", received) })
        {
            foreach (var secret in new[] { agent2s.ShortKey, ShortKeyFormat.Grouped(agent2s.ShortKey), agent2s.KeyUrl, AccessKeyOf(agent2s.KeyUrl),
                         apiShortKey, ShortKeyFormat.Grouped(apiShortKey), apiKeyUrl, AccessKeyOf(apiKeyUrl) })
            {
                text.ShouldNotContain(secret, Case.Sensitive, $"the {what} carries another issuer's key");
            }
        }
        live.ShouldContain(ShortKeyFormat.Grouped(agents.ShortKey));
    }

    private async Task<IssuedSessionKey> IssueAsUserAsync(string userName, string ticket)
    {
        var catalog = await browser.Portal.Services.GetRequiredService<PortalCatalog>().GetAsync();
        var outcome = await browser.Portal.Services.GetRequiredService<SessionKeyService>().GenerateAsync(
            new SessionKeyRequest { QueueId = "team:1", ExternalKey = ticket }, KeyIssuer.User(userName, catalog.TeamIdsOfUser(userName)), browser.Portal.BaseAddress);
        return outcome.Key.ShouldNotBeNull(string.Join("; ", outcome.Errors.Select(e => e.ErrorMessage)));
    }

    private static string AccessKeyOf(string keyUrl) => keyUrl[(keyUrl.IndexOf("?ak=", StringComparison.Ordinal) + 4)..];
}
