using System.Text.RegularExpressions;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.PublicSites;

/// <summary>
/// The customer's walk-through in two browsers: an agent issues a key, a customer without the portal's cookies redeems it
/// on a public site, and the agent's open queue page shows the session with the site it belongs to.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class PublicSitesTests(PortalBrowser browser)
{
    private const string Remote = "remote.localhost";
    private const string Support = "support.localhost";
    // The issue's promise: the agent sees a new customer within a second, pushed to the open page, not on a reload.
    private static readonly LocatorAssertionsToHaveTextOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task A_customer_who_follows_a_remote_key_url_waits_in_the_agents_queue_with_site_Remote_within_a_second_and_the_agent_accepts_them()
    {
        // Arrange: the agent issues a key for team 1 on the Remote site, then watches the queue
        var externalKey = "INC-" + Guid.NewGuid().ToString("N")[..8];
        var agent = await browser.NewPageAsync();
        await using var closeAgent = new ClosingContext(agent);
        var generate = await GeneratePage.SignInAndGenerateForTeam1Async(agent, siteName: "Remote", externalKey);
        var keyUrl = await generate.KeyUrl.InnerTextAsync();
        keyUrl.ShouldStartWith(browser.Portal.SiteAddress(Remote) + "?ak=");
        var queue = await new QueuePage(agent).OpenAsync();
        await Assertions.Expect(queue.Heading).ToBeVisibleAsync();

        // Act: a customer (a browser context of their own, no portal cookies) follows the key URL and starts the session
        var customer = await browser.NewPageAsync(baseAddress: browser.Portal.SiteAddress(Remote));
        await using var closeCustomer = new ClosingContext(customer);
        var landing = await new KeyLandingPage(customer).OpenAsync(keyUrl);
        await Assertions.Expect(landing.Heading).ToHaveTextAsync("Your support session is ready");
        await customer.ShouldHaveNoSeriousAxeViolationsAsync("public-landing");
        await landing.YourName.FillAsync("Erika Mustermann");
        await landing.StartSessionButton.ClickAsync();

        // Assert: the agent's open page shows the waiting customer, with site Remote, within a second
        var waiting = queue.Waiting.Row("Erika Mustermann");
        await Assertions.Expect(waiting.Site).ToHaveTextAsync("Remote", WithinASecond);
        await Assertions.Expect(queue.Waiting.ColumnHeaders).ToHaveTextAsync(["Customer", "External key", "Site", "Queue", "Waiting", "Priority", "Action"]);
        await Assertions.Expect(waiting.ExternalKey).ToHaveTextAsync(externalKey);
        await Assertions.Expect(waiting.Queue).ToHaveTextAsync("Tier 1 Support");
        await Assertions.Expect(waiting.Since).ToHaveTextAsync(new Regex(@"^\d+:\d{2}$"));
        await agent.ShouldHaveNoSeriousAxeViolationsAsync("queue");

        // Assert: the customer is told that the session is waiting, on the Remote site
        var started = new SessionStartedPage(customer);
        await Assertions.Expect(started.Heading).ToHaveTextAsync(SessionStartedPage.HeadingText);
        await Assertions.Expect(started.Status).ToContainTextAsync("is waiting for a support representative of Remote");
        await customer.ShouldHaveNoSeriousAxeViolationsAsync("public-waiting");

        // Act + Assert: the agent accepts; the row leaves the waiting customers and becomes the agent's session
        await waiting.ActionButton.ClickAsync();
        await Assertions.Expect(waiting.Row).ToHaveCountAsync(0);
        await Assertions.Expect(queue.MySessions.Row("Erika Mustermann").Site).ToHaveTextAsync("Remote");
    }

    [Fact]
    public async Task A_key_typed_by_hand_with_a_space_on_support_localhost_shows_site_Support_in_the_agents_queue()
    {
        // Arrange: the key URL names Remote, so only the site the key is typed on can make the session Support's
        var agent = await browser.NewPageAsync();
        await using var closeAgent = new ClosingContext(agent);
        var generate = await GeneratePage.SignInAndGenerateForTeam1Async(agent, siteName: "Remote", "INC-" + Guid.NewGuid().ToString("N")[..8]);
        var grouped = await generate.ShortKey.InnerTextAsync();
        grouped.ShouldMatch("^[0-9]{3} [0-9]{4}$");
        var queue = await new QueuePage(agent).OpenAsync();

        // Act: a customer types the key as they were told it ("296 0564") on support.localhost's front page
        var customer = await browser.NewPageAsync(baseAddress: browser.Portal.SiteAddress(Support));
        await using var closeCustomer = new ClosingContext(customer);
        var entry = await new KeyEntryPage(customer).OpenAsync();
        await Assertions.Expect(entry.Heading).ToHaveTextAsync("Start your support session");
        await customer.ShouldHaveNoSeriousAxeViolationsAsync("public-key-entry");
        var started = await entry.EnterKeyAsync(grouped, "Max Mustermann");

        // Assert: waiting on Support, on both sides
        await Assertions.Expect(started.Heading).ToHaveTextAsync(SessionStartedPage.HeadingText);
        await Assertions.Expect(started.Status).ToContainTextAsync("is waiting for a support representative of Support");
        await Assertions.Expect(queue.Waiting.Row("Max Mustermann").Site).ToHaveTextAsync("Support");
    }

}
