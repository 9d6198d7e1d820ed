using System.Xml.Linq;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.E2E.Features.GenerateKey;

[Collection(PortalBrowserCollection.Name)]
public sealed class GenerateKeyTests(PortalBrowser browser)
{
    [Fact]
    public async Task An_agent_signs_in_and_generates_a_key_for_team_1_that_matches_what_the_command_api_returns()
    {
        // Arrange
        var page = await browser.NewPageAsync();
        await using var _ = new ClosingContext(page);
        await new SignInPage(page).OpenAsync("/keys/new");
        await new SignInPage(page).SignInAsync("agent");
        var generate = await new GeneratePage(page).OpenAsync();

        // Act
        await generate.ChooseQueueAsync("Team", "Tier 1 Support");
        await generate.GenerateAsync();

        // Assert: what the page shows is the stored key
        var shortKey = await generate.ShortKey.GetAttributeAsync("data-value");
        (await generate.ShortKey.InnerTextAsync()).ShouldBe($"{shortKey![..3]} {shortKey[3..]}");
        var keyUrl = await generate.KeyUrl.InnerTextAsync();
        var expires = long.Parse((await generate.ExpiresAt.GetAttributeAsync("data-unix"))!, System.Globalization.CultureInfo.InvariantCulture);
        var availableOnPage = await generate.Page.GetByTestId("queue-availability").GetAttributeAsync("data-available");

        await using var db = browser.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var stored = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.ShortKey == shortKey && k.IssuedBy == "agent");
        stored.RequestedQueue.ShouldBe("team:1");
        stored.KeyUrl.ShouldBe(keyUrl);
        stored.ExpiresAt.ToUnixTimeSeconds().ShouldBe(expires);

        // Assert: the command API, asked the same, answers in the same shape
        using var client = await new CommandApiClient(browser.Portal.BaseAddress).SignInAsync("demo-full-access", "demo-full-secret");
        var api = await client.GenerateSessionKeyAsync($"queue_id=team:1&url_hostname={stored.UrlHostname}");
        api.Element(CommandApiClient.Command + "queue")!.Value.ShouldBe("team");
        api.Element(CommandApiClient.Command + "queue")!.Attribute("available")!.Value.ShouldBe(availableOnPage == "true" ? "1" : "0");
        api.Element(CommandApiClient.Command + "queue_id")!.Value.ShouldBe("1");
        shortKey.ShouldMatch("^[0-9]{7}$");
        api.Element(CommandApiClient.Command + "short_key")!.Value.ShouldMatch("^[0-9]{7}$");
        var apiUrl = api.Element(CommandApiClient.Command + "key_url")!.Value;
        apiUrl[..apiUrl.IndexOf("?ak=", StringComparison.Ordinal)].ShouldBe(keyUrl[..keyUrl.IndexOf("?ak=", StringComparison.Ordinal)]);
        keyUrl.ShouldMatch("^http://support\\.localhost:[0-9]+/\\?ak=[0-9a-f]{32}$");
        var apiExpires = long.Parse(api.Element(CommandApiClient.Command + "expires")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Math.Abs(apiExpires - expires).ShouldBeLessThan(120, "both keys live the maximum time to live from about now");
    }
}
