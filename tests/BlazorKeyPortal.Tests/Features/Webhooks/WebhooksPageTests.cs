using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Features.Administration;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

/// <summary>The Webhooks page with the portal's real services, sending to a real receiver on loopback.</summary>
public sealed class WebhooksPageTests
{
    private static Task<AdminComponentContext> AdminAsync(PortalFactory portal) => AdminComponentContext.CreateAsync(portal, more: services =>
    {
        services.AddSingleton(portal.Get<WebhookAdministration>());
        services.AddSingleton(portal.Get<WebhookRecipientFormValidator>());
    });

    [Fact]
    public async Task A_new_recipient_shows_its_generated_secret_once_is_listed_and_its_test_event_appears_in_the_delivery_log_with_its_status_code()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var admin = await AdminAsync(portal);
        var cut = admin.Render<WebhooksPage>();
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe("Webhooks"));

        var dialog = admin.OpenDialog(cut.Button("New recipient"), "Create recipient");
        await dialog.Input("Name").ChangeAsync(new() { Value = "ServiceNow" });
        await dialog.Input("URL").ChangeAsync(new() { Value = receiver.Url });
        await admin.PickAsync(dialog, "Events", "key.issued");
        await dialog.Button("Create recipient").ClickAsync(new());
        dialog.WaitForAssertion(() => dialog.Find("[data-testid=shown-once]").ShouldNotBeNull());
        var secret = dialog.Input("Signing secret").GetAttribute("value")!;
        await dialog.Button("I have copied it").ClickAsync(new());

        secret.ShouldStartWith("whsec_");
        cut.WaitForAssertion(() => cut.Row("ServiceNow").TextContent.ShouldContain(receiver.Url));
        cut.Row("ServiceNow").TextContent.ShouldContain("key.issued");
        cut.Markup.ShouldNotContain(secret);

        await cut.Button("Send test event to ServiceNow").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=attempt]").ShouldNotBeNull(), TimeSpan.FromSeconds(10));
        var attempt = cut.Find("[data-testid=attempt]");
        attempt.Cell("Status code").ShouldBe("200");
        attempt.TextContent.ShouldContain("webhook.test");
        attempt.TextContent.ShouldContain("Delivered");
        var received = receiver.Received.ShouldHaveSingleItem();
        received.Type.ShouldBe("com.blazorkeyportal.webhook.test");
        WebhookSignature.Verify(received.Signature, secret, received.Body, portal.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_relative_url_and_no_events_are_refused_beside_their_fields()
    {
        await using var portal = new PortalFactory();
        await using var admin = await AdminAsync(portal);
        var cut = admin.Render<WebhooksPage>();
        cut.WaitForAssertion(() => cut.Button("New recipient"));

        var dialog = admin.OpenDialog(cut.Button("New recipient"), "Create recipient");
        await dialog.Input("Name").ChangeAsync(new() { Value = "Ticketing" });
        await dialog.Input("URL").ChangeAsync(new() { Value = "/hook" });
        await dialog.Button("Create recipient").ClickAsync(new());

        dialog.WaitForAssertion(() => dialog.Find("[data-testid=refused]").TextContent.ShouldContain("Pick at least one event."));
        dialog.Field("URL").TextContent.ShouldContain("Enter the receiver's absolute URL, starting with http:// or https://.");
        await using var db = portal.CreateDbContext();
        db.WebhookRecipients.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_paused_recipient_is_announced_on_the_page_and_can_be_resumed()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookDeliveryTests.CreateRecipientAsync(portal, receiver);
        var now = portal.Clock.GetUtcNow();
        // As the dispatcher leaves a recipient that failed for a day.
        await portal.WriteAsync(scope => scope.Db.WebhookRecipients.ExecuteUpdate(s => s.SetProperty(r => r.FailingSince, now.AddDays(-1)).SetProperty(r => r.PausedAt, now)));
        await using var admin = await AdminAsync(portal);
        var cut = admin.Render<WebhooksPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=paused-notice]").TextContent.ShouldContain("Deliveries to Ticketing are paused since"));
        cut.Find("[data-testid=paused-notice]").TextContent.ShouldContain("it failed for a day");
        cut.Row("Ticketing").TextContent.ShouldContain("Paused since");
        await cut.Button("Resume Ticketing").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=paused-notice]").ShouldBeEmpty());
        cut.Row("Ticketing").TextContent.ShouldContain("Delivering");
    }

    [Fact]
    public async Task An_administrator_pauses_a_recipient_from_its_row_the_page_says_so_and_resuming_delivers_again()
    {
        await using var portal = new PortalFactory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await WebhookDeliveryTests.CreateRecipientAsync(portal, receiver);
        await using var admin = await AdminAsync(portal);
        var cut = admin.Render<WebhooksPage>();
        cut.WaitForAssertion(() => cut.Row("Ticketing").TextContent.ShouldContain("Delivering"));

        await cut.Button("Pause deliveries to Ticketing").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=paused-notice]").TextContent.ShouldContain("Deliveries to Ticketing are paused since"));
        cut.Find("[data-testid=paused-notice]").TextContent.ShouldContain("by an administrator");
        cut.Row("Ticketing").TextContent.ShouldContain("Paused since");
        cut.FindAll("button[aria-label='Pause deliveries to Ticketing']").ShouldBeEmpty();

        await cut.Button("Resume Ticketing").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=paused-notice]").ShouldBeEmpty());
        cut.Row("Ticketing").TextContent.ShouldContain("Delivering");
        cut.Button("Pause deliveries to Ticketing").ShouldNotBeNull();
    }
}
