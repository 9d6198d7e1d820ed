using System.Diagnostics.CodeAnalysis;
using Bunit;
using BlazorKeyPortal.Features.SupportQueue;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Features.SupportQueue;

/// <summary>
/// The /queue page rendered by bUnit on the real services of a running portal (real SQLite, the single writer, the
/// notifier), so that sessions started by customers over HTTP show up on it as they would in a browser.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes test classes through IAsyncLifetime.DisposeAsync.")]
public sealed class QueuePageTests : IAsyncLifetime
{
    private readonly PublicSitePortal _portal = new();
    private readonly List<BunitContext> _contexts = [];

    public Task InitializeAsync()
    {
        _portal.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task Each_waiting_customer_is_a_row_with_name_external_key_site_queue_waiting_time_and_priority()
    {
        await SupportQueueServiceTests.QueuedSessionAsync(_portal, "team:1", "&url_hostname=remote.localhost&session.custom.external_key=TICKET-9&session.priority=1", "Dana Fields");
        _portal.Clock.Advance(TimeSpan.FromSeconds(75));

        var cut = QueuePageOf("agent");

        cut.WaitForAssertion(() => Cells(cut.Find("tr[data-session-id]")).ShouldBe(
            ["Dana Fields", "TICKET-9", "Support", "Tier 1 Support", "1:15", "High", "Accept"]));
        cut.Find("h1").TextContent.ShouldBe("Queue");
        cut.Find("tr[data-session-id] button").GetAttribute("aria-label").ShouldBe("Accept session of Dana Fields");
        cut.Find("[data-testid=queue-my-sessions-empty]").TextContent.ShouldBe("You have no session in progress.");
    }

    [Fact]
    public async Task A_customer_who_starts_a_session_appears_on_an_open_queue_page_at_once()
    {
        var cut = QueuePageOf("agent");
        cut.WaitForAssertion(() => cut.Find("[data-testid=queue-waiting-customers-empty]").TextContent.ShouldBe("Nobody is waiting in your queues."));

        var sessionId = await SupportQueueServiceTests.QueuedSessionAsync(_portal, "general", customerName: "Lee Park");

        cut.WaitForAssertion(() => cut.Find($"tr[data-session-id='{sessionId}'] td").TextContent.ShouldBe("Lee Park"));
    }

    [Fact]
    public async Task Accepting_moves_the_session_to_my_sessions_and_takes_it_off_every_other_agents_page()
    {
        var sessionId = await SupportQueueServiceTests.QueuedSessionAsync(_portal, "team:1", customerName: "Kim Lee");
        var mine = QueuePageOf("agent");
        var colleagues = QueuePageOf("agent2");
        colleagues.WaitForAssertion(() => colleagues.FindAll($"tr[data-session-id='{sessionId}']").Count.ShouldBe(1));

        mine.WaitForElement($"tr[data-session-id='{sessionId}'] button").Click();

        colleagues.WaitForAssertion(() => colleagues.FindAll("tr[data-session-id]").ShouldBeEmpty());
        mine.WaitForAssertion(() =>
        {
            mine.Find("[data-testid=queue-waiting-customers-empty]").ShouldNotBeNull();
            var row = mine.Find($"tr[data-session-id='{sessionId}']");
            Cells(row)[^1].ShouldBe("End");
            Cells(row)[4].ShouldBe("0:00"); // time in session, since accepting
        });
        mine.Find("#queue-my-sessions").TextContent.ShouldBe("My sessions");
    }

    [Fact]
    public async Task Ending_a_session_removes_it_from_my_sessions()
    {
        var sessionId = await SupportQueueServiceTests.QueuedSessionAsync(_portal, "general");
        await _portal.Get<SupportQueueService>().AcceptAsync("agent", sessionId);
        var cut = QueuePageOf("agent");

        cut.WaitForElement($"tr[data-session-id='{sessionId}'] button").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=queue-my-sessions-empty]").ShouldNotBeNull());
        cut.FindAll("tr[data-session-id]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Waiting_times_tick_with_the_clock()
    {
        var sessionId = await SupportQueueServiceTests.QueuedSessionAsync(_portal, "general");
        var cut = QueuePageOf("agent");
        cut.WaitForAssertion(() => Cells(cut.Find($"tr[data-session-id='{sessionId}']"))[4].ShouldBe("0:00"));

        _portal.Clock.Advance(TimeSpan.FromSeconds(90));

        cut.WaitForAssertion(() => Cells(cut.Find($"tr[data-session-id='{sessionId}']"))[4].ShouldBe("1:30"));
        _portal.Clock.Advance(TimeSpan.FromHours(1));
        cut.WaitForAssertion(() => Cells(cut.Find($"tr[data-session-id='{sessionId}']"))[4].ShouldBe("1:01:30"));
    }

    [Fact]
    public void A_user_who_is_no_representative_is_told_why_no_queue_is_theirs()
    {
        var cut = QueuePageOf("visitor");

        cut.WaitForAssertion(() => cut.Find(".mud-alert").TextContent.ShouldContain("Your sign-in is not linked to a support representative"));
        cut.FindAll("table").ShouldBeEmpty();
    }

    private IRenderedComponent<QueuePage> QueuePageOf(string userName)
    {
        var context = new BunitContext();
        _contexts.Add(context);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(_portal.Get<SupportQueueService>());
        context.Services.AddSingleton(_portal.Get<SupportQueueNotifier>());
        context.Services.AddSingleton<TimeProvider>(_portal.Clock);
        context.AddAuthorization().SetAuthorized(userName);
        return context.Render<QueuePage>();
    }

    private static List<string> Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
}
