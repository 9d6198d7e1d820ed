using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.Presence;

[Collection(PortalBrowserCollection.Name)]
public sealed class LiveAvailabilityTests(PortalBrowser browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task The_availability_indicator_follows_agent2_signing_in_and_switching_away_and_back_within_a_second()
    {
        // Arrange: agent watches the queue of rep 2 (agent2), who is not signed in
        var watcher = await browser.NewPageAsync();
        await using var closeWatcher = new ClosingContext(watcher);
        await new SignInPage(watcher).OpenAsync("/keys/new?queue_id=rep:2");
        await new SignInPage(watcher).SignInAsync("agent");
        var indicator = new GeneratePage(watcher).Availability;
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "false");

        // Act + Assert: agent2 signs in elsewhere
        var rep = await browser.NewPageAsync();
        await using var closeRep = new ClosingContext(rep);
        await new SignInPage(rep).OpenAsync("/keys/new");
        await new SignInPage(rep).SignInAsync("agent2");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "true", WithinASecond);

        // Act + Assert: agent2 switches to Away, then back to Available
        var layout = new PortalLayout(rep);
        await layout.AvailabilitySwitch.ClickAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "false", WithinASecond);
        await layout.AvailabilitySwitch.ClickAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-available", "true", WithinASecond);
    }
}
