using System.Net;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>A fake appliance the tests script, and a portal in front of it with a one-second time-out.</summary>
public sealed class FaultyAppliance : IAsyncLifetime
{
    public FakeAppliance Appliance { get; private set; } = null!;
    public AppliancePortal Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Appliance = await FakeAppliance.StartAsync();
        Portal = new AppliancePortal(Appliance.Address, timeoutSeconds: 1);
        await Portal.ReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Appliance.DisposeAsync();
    }
}

/// <summary>
/// Each failure gives the caller a clear message and leaves a failed (or completed) audit entry for its pending
/// one; a key request is never sent twice by a retry.
/// </summary>
public sealed class ApplianceFaultTests(FaultyAppliance faulty) : IClassFixture<FaultyAppliance>, IAsyncLifetime
{
    private FakeAppliance Appliance => faulty.Appliance;
    private AppliancePortal Portal => faulty.Portal;

    public Task InitializeAsync()
    {
        Appliance.OnGenerate = null;
        Appliance.OnSupportTeams = DefaultTeams;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_from_the_appliance_is_stored_as_issued_and_completes_its_pending_entry()
    {
        var api = await Portal.ApiClientAsync();

        var reply = (await api.GenerateAsync()).ShouldBeSessionKey();

        var shortKey = reply.Element("short_key");
        await using var db = Portal.CreateDbContext();
        var key = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.ShortKey == shortKey);
        key.ShouldSatisfyAllConditions(
            k => k.Origin.ShouldBe(KeyOrigin.Appliance),
            k => k.ExpiresAt.ToUnixTimeSeconds().ShouldBe(1900000000),
            k => k.AvailableAtIssue.ShouldBeTrue(),
            k => k.KeyUrl.ShouldEndWith("?ak=" + k.AccessKey));
        reply.Element("mail_body").ShouldStartWith("\nClick here: https://support.example.com/?ak=");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task The_pending_entry_is_committed_before_the_request_reaches_the_appliance()
    {
        var api = await Portal.ApiClientAsync();
        var unfinishedWhileAsked = -1;
        Appliance.OnGenerate = async context =>
        {
            // What a crash at this moment would leave behind: the pending entry, without its outcome.
            unfinishedWhileAsked = (await KeyIssueAudit.ReadAsync(Portal)).Unfinished.Count;
            await Appliance.SessionKey(context);
        };

        (await api.GenerateAsync()).ShouldBeSessionKey();

        unfinishedWhileAsked.ShouldBe(1);
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task An_appliance_that_does_not_answer_in_time_gives_a_clear_message_and_a_failed_entry()
    {
        var api = await Portal.ApiClientAsync();
        var generateRequests = Appliance.GenerateRequests;
        Appliance.OnGenerate = AnswerNever;

        var reply = await api.GenerateAsync();

        reply.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        reply.Error.ShouldStartWith($"The appliance at {Appliance.Address.Authority} did not answer within 1 second.");
        Appliance.GenerateRequests.ShouldBe(generateRequests + 1);
        (await LastFailureAsync()).ShouldBe("TimedOut");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task A_transient_failure_of_the_key_request_is_not_retried()
    {
        var api = await Portal.ApiClientAsync();
        var generateRequests = Appliance.GenerateRequests;
        Appliance.OnGenerate = context => FakeAppliance.Xml(context, $"<error xmlns=\"{FakeAppliance.Ns}\">busy</error>", StatusCodes.Status503ServiceUnavailable);

        var reply = await api.GenerateAsync();

        reply.Error.ShouldStartWith($"The appliance at {Appliance.Address.Authority} answered generate_session_key with HTTP 503: busy.");
        Appliance.GenerateRequests.ShouldBe(generateRequests + 1);
        (await LastFailureAsync()).ShouldBe("HttpStatus");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task A_refused_token_is_replaced_once_and_the_key_is_issued()
    {
        var api = await Portal.ApiClientAsync();
        (await api.GenerateAsync()).ShouldBeSessionKey();
        var (tokenRequests, refused, generateRequests) = (Appliance.TokenRequests, Appliance.RefusedRequests, Appliance.GenerateRequests);
        Appliance.RevokeAllTokens();

        var reply = await api.GenerateAsync();

        reply.ShouldBeSessionKey();
        // The old token was refused unread (401); one new token, and the request sent with it issued the key.
        Appliance.RefusedRequests.ShouldBe(refused + 1);
        Appliance.TokenRequests.ShouldBe(tokenRequests + 1);
        Appliance.GenerateRequests.ShouldBe(generateRequests + 1);
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task An_error_inside_the_reply_with_http_200_refuses_the_key_with_the_appliance_message()
    {
        var api = await Portal.ApiClientAsync();
        Appliance.OnGenerate = context => FakeAppliance.Xml(context,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<session_key xmlns=\"http://www.bomgar.com/namespaces/API/command\">\n\t<error>Unable to find a representative with the username 'nobody'</error>\n</session_key>\n");

        var reply = await api.GenerateAsync();

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Error.ShouldBe("The appliance refused the key: Unable to find a representative with the username 'nobody'");
        (await LastFailureAsync()).ShouldBe("Refused");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task An_unreadable_reply_gives_a_clear_message_and_a_failed_entry()
    {
        var api = await Portal.ApiClientAsync();
        Appliance.OnGenerate = context => FakeAppliance.Xml(context, "<html><body>Bad gateway");

        var reply = await api.GenerateAsync();

        reply.Error.ShouldStartWith("The appliance's reply is not XML");
        (await LastFailureAsync()).ShouldBe("Malformed");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task A_key_the_portal_cannot_store_is_recorded_as_failed_and_never_requested_again()
    {
        var api = await Portal.ApiClientAsync();
        Appliance.OnGenerate = context => Appliance.SessionKey(context, accessKey: "feedfacefeedfacefeedfacefeedface");
        (await api.GenerateAsync()).ShouldBeSessionKey();
        var generateRequests = Appliance.GenerateRequests;

        // The same access key again violates the unique index: the key service must not ask the appliance twice.
        var reply = await api.GenerateAsync();

        reply.Error.ShouldContain("but the portal could not store it");
        Appliance.GenerateRequests.ShouldBe(generateRequests + 1);
        (await LastFailureAsync()).ShouldBe("NotStored");
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)//?ak=0123456789abcdef0123456789abcdef")]
    [InlineData("data:text/html,hello?ak=0123456789abcdef0123456789abcdef")]
    [InlineData("ftp://support.example.com/?ak=0123456789abcdef0123456789abcdef")]
    public async Task A_key_url_that_is_not_http_or_https_fails_the_key_with_a_clear_message_and_a_failed_entry(string keyUrl)
    {
        var api = await Portal.ApiClientAsync();
        Appliance.OnGenerate = context => FakeAppliance.Xml(context, $"""
            <session_key xmlns="{FakeAppliance.Ns}"><type>support</type><expires>1900000000</expires><queue available="1">general</queue>
            <short_key>7654321</short_key><key_url>{System.Security.SecurityElement.Escape(keyUrl)}</key_url>
            <mail_subject>Invitation</mail_subject><mail_body>Click here</mail_body></session_key>
            """);

        var reply = await api.GenerateAsync();

        reply.Error.ShouldContain($"its key URL '{keyUrl}' is not an http or https address");
        var failed = (await KeyIssueAudit.ReadAsync(Portal)).Failed[^1];
        KeyIssueAudit.DetailOf(failed, "Failure").ShouldBe("UnsafeKeyUrl");
        KeyIssueAudit.DetailOf(failed, "ShortKey").ShouldBe("7654321");
        await using var db = Portal.CreateDbContext();
        (await db.SessionKeys.AnyAsync(k => k.ShortKey == "7654321")).ShouldBeFalse();
        await ShouldHaveNoUnfinishedEntryAsync();
    }

    [Fact]
    public async Task A_read_command_is_retried_after_a_transient_failure()
    {
        var requests = Appliance.SupportTeamRequests;
        var failures = 0;
        Appliance.OnSupportTeams = context => Interlocked.Increment(ref failures) == 1
            ? FakeAppliance.Xml(context, "<error>restarting</error>", StatusCodes.Status503ServiceUnavailable)
            : DefaultTeams(context);

        var refreshed = await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();

        refreshed.ShouldBeTrue();
        Appliance.SupportTeamRequests.ShouldBe(requests + 2);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_routing_and_says_why()
    {
        Appliance.OnSupportTeams = context => FakeAppliance.Xml(context, "<error>Invalid action</error>");

        var refreshed = await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();

        refreshed.ShouldBeFalse();
        var directory = Portal.Get<ApplianceDirectory>().Current;
        directory.Teams.ShouldHaveSingleItem().CodeName.ShouldBe("desk");
        directory.LastFailure.ShouldBe("Invalid action");
    }

    [Fact]
    public async Task An_appliance_that_is_down_gives_a_clear_message_a_failed_entry_and_an_unhealthy_check()
    {
        await using var portal = new AppliancePortal(ClosedPort.Address());
        portal.Started();
        var outcome = await portal.Get<SessionKeyService>().GenerateAsync(new SessionKeyRequest { QueueId = "general" }, KeyIssuer.User("admin", new HashSet<int>()), null);
        var health = (await portal.Get<HealthCheckService>().CheckHealthAsync(c => c.Name == "appliance")).Entries["appliance"];

        outcome.Key.ShouldBeNull();
        outcome.ServiceError.ShouldNotBeNull().ShouldSatisfyAllConditions(
            m => m.ShouldStartWith("The appliance at 127.0.0.1:"),
            m => m.ShouldContain("does not answer"),
            m => m.ShouldEndWith("No key was issued; try again shortly."));
        var audit = await KeyIssueAudit.ReadAsync(portal);
        KeyIssueAudit.DetailOf(audit.Failed.ShouldHaveSingleItem(), "Failure").ShouldBe("Unreachable");
        audit.Unfinished.ShouldBeEmpty();
        health.Status.ShouldBe(HealthStatus.Unhealthy);
        health.Description.ShouldNotBeNull().ShouldContain("does not answer");
    }

    private static Task DefaultTeams(HttpContext context) => FakeAppliance.Xml(context,
        $"<support_teams xmlns=\"{FakeAppliance.Ns}\"><support_team id=\"7\"><name>Desk</name><code_name>desk</code_name><members>" +
        "<representative id=\"5\"><username>pat</username><public_display_name>Pat</public_display_name></representative></members></support_team></support_teams>");

    /// <summary>Holds the request until the client gives up and the connection closes.</summary>
    private static async Task AnswerNever(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The portal gave up, as it should.
        }
    }

    private async Task<string> LastFailureAsync() => KeyIssueAudit.DetailOf((await KeyIssueAudit.ReadAsync(Portal)).Failed[^1], "Failure");

    private async Task ShouldHaveNoUnfinishedEntryAsync() => (await KeyIssueAudit.ReadAsync(Portal)).Unfinished.ShouldBeEmpty();
}

/// <summary>Routing and logins are read again every <c>Appliance:RefreshSeconds</c>, on the portal's clock.</summary>
public sealed class ApplianceRefreshTests
{
    [Fact]
    public async Task Routing_is_read_at_start_and_again_every_refresh_interval()
    {
        await using var appliance = await FakeAppliance.StartAsync();
        // The resilience pipeline's timers run on the same fake clock: a time-out far above the 30-second steps keeps
        // a read that is in flight while the clock moves from timing out.
        await using var portal = new AppliancePortal(appliance.Address, timeoutSeconds: 120, fakeClock: true,
            extra: new Dictionary<string, string?> { ["Appliance:RefreshSeconds"] = "30" });
        portal.Started();
        await appliance.LoggedInRepsRequested(1);

        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        await appliance.LoggedInRepsRequested(2);
        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        await appliance.LoggedInRepsRequested(3);

        var catalog = await portal.Get<BlazorKeyPortal.Features.Catalog.PortalCatalog>().GetAsync();
        catalog.TeamById[7].CodeName.ShouldBe("desk");
        catalog.RepById[5].Username.ShouldBe("pat");
    }
}
