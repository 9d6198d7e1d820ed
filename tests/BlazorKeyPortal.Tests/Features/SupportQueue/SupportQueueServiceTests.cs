using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SupportQueue;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SupportQueue;

/// <summary>
/// Which waiting sessions an agent sees, and accepting and ending them. Development seed: user <c>agent</c> is rep 1
/// (team 1), <c>agent2</c> is rep 2 (team 1); rep 3 (team 2, embassy 1) has no portal user.
/// </summary>
public sealed class SupportQueueServiceTests
{
    [Fact]
    public async Task An_agent_sees_the_waiting_sessions_of_their_rep_team_embassy_and_general_queues_only()
    {
        await using var portal = new PublicSitePortal();
        var sessions = new Dictionary<string, long>();
        foreach (var queue in new[] { "rep:1", "rep:2", "team:1", "team:2", "embassy:1", "general" })
        {
            sessions[queue] = await QueuedSessionAsync(portal, queue);
        }
        var queue1 = portal.Get<SupportQueueService>();

        var agent = await queue1.LoadAsync("agent");
        var agent2 = await queue1.LoadAsync("agent2");
        var stranger = await queue1.LoadAsync("someone");

        agent.Waiting.Select(r => r.SessionId).ShouldBe([sessions["rep:1"], sessions["team:1"], sessions["general"]], ignoreOrder: true);
        agent2.Waiting.Select(r => r.SessionId).ShouldBe([sessions["rep:2"], sessions["team:1"], sessions["general"]], ignoreOrder: true);
        stranger.Agent.IsRepresentative.ShouldBeFalse();
        stranger.Waiting.ShouldBeEmpty();
        agent.Waiting.Single(r => r.SessionId == sessions["team:1"]).QueueName.ShouldBe("Tier 1 Support");
    }

    [Fact]
    public async Task Higher_priorities_come_first_then_the_longest_waiting()
    {
        await using var portal = new PublicSitePortal();
        var low = await QueuedSessionAsync(portal, "team:1", "&session.priority=3");
        portal.Clock.Advance(TimeSpan.FromSeconds(5));
        var unset = await QueuedSessionAsync(portal, "team:1");
        portal.Clock.Advance(TimeSpan.FromSeconds(5));
        var high = await QueuedSessionAsync(portal, "team:1", "&session.priority=1");
        portal.Clock.Advance(TimeSpan.FromSeconds(5));
        var medium = await QueuedSessionAsync(portal, "team:1", "&session.priority=2");

        var view = await portal.Get<SupportQueueService>().LoadAsync("agent");

        view.Waiting.Select(r => r.SessionId).ShouldBe([high, unset, medium, low]);
    }

    [Fact]
    public async Task Accepting_takes_a_session_out_of_every_agents_queue_and_counts_it_for_the_rep()
    {
        await using var portal = new PublicSitePortal();
        var sessionId = await QueuedSessionAsync(portal, "team:1");
        var queue = portal.Get<SupportQueueService>();
        portal.Get<RepresentativePresence>().Connect("circuit-1", "agent");
        var heard = new List<QueueChange>();
        portal.Get<SupportQueueNotifier>().Changed += heard.Add;

        var accepted = await queue.AcceptAsync("agent", sessionId);
        var acceptedAgain = await queue.AcceptAsync("agent2", sessionId);

        accepted.ShouldBe(QueueActionResult.Done);
        acceptedAgain.ShouldBe(QueueActionResult.AlreadyTaken);
        heard.ShouldBe([new QueueChange(sessionId, SupportSessionStatus.Active)]);
        (await queue.LoadAsync("agent2")).Waiting.ShouldBeEmpty();
        var agentView = await queue.LoadAsync("agent");
        agentView.Waiting.ShouldBeEmpty();
        agentView.Mine.Single().SessionId.ShouldBe(sessionId);
        (await SupportSessionCountAsync(portal)).ShouldBe("1");
        var entry = (await portal.AuditAsync(AuditActions.SessionAccepted)).ShouldHaveSingleItem();
        entry.Actor.ShouldBe("user:agent");
        entry.SubjectId.ShouldBe(sessionId.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Ending_a_session_stops_counting_it_and_only_its_agent_may_end_it()
    {
        await using var portal = new PublicSitePortal();
        var sessionId = await QueuedSessionAsync(portal, "general");
        var queue = portal.Get<SupportQueueService>();
        portal.Get<RepresentativePresence>().Connect("circuit-1", "agent");
        await queue.AcceptAsync("agent", sessionId);

        var endedByOther = await queue.EndAsync("agent2", sessionId);
        var ended = await queue.EndAsync("agent", sessionId);
        var endedAgain = await queue.EndAsync("agent", sessionId);

        endedByOther.ShouldBe(QueueActionResult.NotYours);
        ended.ShouldBe(QueueActionResult.Done);
        endedAgain.ShouldBe(QueueActionResult.NotActive);
        (await queue.LoadAsync("agent")).Mine.ShouldBeEmpty();
        (await SupportSessionCountAsync(portal)).ShouldBe("0");
        (await portal.AuditAsync(AuditActions.SessionEnded)).ShouldHaveSingleItem().Actor.ShouldBe("user:agent");
        await using var db = portal.CreateDbContext();
        var session = db.SupportSessions.Single(s => s.Id == sessionId);
        session.Status.ShouldBe(SupportSessionStatus.Ended);
        session.EndedAt.ShouldBe(portal.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_agent_cannot_accept_a_session_of_another_teams_queue()
    {
        await using var portal = new PublicSitePortal();
        var sessionId = await QueuedSessionAsync(portal, "team:2");

        var result = await portal.Get<SupportQueueService>().AcceptAsync("agent", sessionId);

        result.ShouldBe(QueueActionResult.NotYours);
        (await portal.AuditAsync(AuditActions.SessionAccepted)).ShouldBeEmpty();
    }

    /// <summary>Issues a key for <paramref name="queueId"/> and redeems it through the API; returns the session's id.</summary>
    internal static async Task<long> QueuedSessionAsync(PublicSitePortal portal, string queueId, string extra = "", string? customerName = null)
    {
        var (shortKey, _) = await portal.GenerateKeyAsync($"queue_id={queueId}{extra}");
        var name = customerName is null ? "" : $"&customer.name={Uri.EscapeDataString(customerName)}";
        var reply = await CommandResult.ReadAsync(await portal.Customer("support.localhost").Http.GetAsync($"/api/start_session?short_key={shortKey}{name}"));
        reply.IsError.ShouldBeFalse(reply.Body);
        return (await portal.SessionOfAsync((await portal.KeyAsync(shortKey)).Id))!.Id;
    }

    private static async Task<string> SupportSessionCountAsync(PublicSitePortal portal)
    {
        var reps = await (await portal.ApiAsync()).GetAsync("action=get_logged_in_reps");
        return reps.Xml.Root!.Elements(CommandApiClient.Ns + "rep").Single(r => r.Attribute("id")!.Value == "1")
            .Element(CommandApiClient.Ns + "support_session_count")!.Value;
    }
}
