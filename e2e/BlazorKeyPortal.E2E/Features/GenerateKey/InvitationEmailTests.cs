using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.E2E.Features.GenerateKey;

/// <summary>"Send invitation" on the result card, with the portal's mail going to a real SMTP server on loopback.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class InvitationEmailTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _smtp = new();
    private KestrelPortal _portal = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _portal = new KestrelPortal(_smtp.PortalSettings());
        _portal.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _portal.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_sends_the_invitation_in_the_language_picked_on_the_result_card_and_sees_it_sent()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await using var _ = new ClosingContext(page);
        await new SignInPage(page).OpenAsync("/keys/new");
        await new SignInPage(page).SignInAsync("agent");
        var generate = await new GeneratePage(page).OpenAsync();
        await generate.ChooseQueueAsync("Team", "Tier 1 Support");
        await generate.GenerateAsync();

        await generate.InvitationEmail.FillAsync("jane.doe@example.com");
        await generate.InvitationLanguage.SelectOptionAsync(new SelectOptionValue { Label = "Deutsch" });
        await generate.SendInvitationButton.ClickAsync();

        await Assertions.Expect(generate.InvitationStatus).ToHaveTextAsync("Sent", new() { Timeout = 30_000 });
        var message = await _smtp.NextMessageAsync(TimeSpan.FromSeconds(10));
        message.To.Mailboxes.Single().Address.ShouldBe("jane.doe@example.com");
        message.Body.ShouldNotBeNull().Headers[MimeKit.HeaderId.ContentLanguage].ShouldBe("de");
        message.Subject.ShouldBe("Einladung zum Remote-Support");
        var shortKey = await generate.ShortKeyValueAsync();
        message.TextBody.ShouldNotBeNull().ShouldContain(await generate.KeyUrl.InnerTextAsync());
        message.HtmlBody.ShouldNotBeNull().ShouldContain($"{shortKey[..3]} {shortKey[3..]}");
    }
}
