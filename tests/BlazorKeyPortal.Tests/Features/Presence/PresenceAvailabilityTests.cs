using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Presence;

/// <summary>Presence → queue availability → <c>get_logged_in_reps</c>: one truth for pages and API callers.</summary>
public sealed class PresenceAvailabilityTests : IDisposable
{
    // A portal per test: presence is process-wide state.
    private readonly PortalFactory _portal = new PortalFactory().Started();

    private CircuitPresence Circuits => _portal.Get<CircuitPresence>();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task A_connected_rep_makes_their_queues_available_and_is_reported_logged_in_until_the_circuit_closes()
    {
        await Circuits.ConnectAsync("circuit-1", User("agent2"));

        (await IsAvailableAsync("rep:2")).ShouldBeTrue();
        (await IsAvailableAsync("team:1")).ShouldBeTrue();
        (await LoggedInRepIdsAsync()).ShouldBe(["2"]);

        Circuits.Disconnect("circuit-1");

        (await IsAvailableAsync("rep:2")).ShouldBeFalse();
        (await IsAvailableAsync("team:1")).ShouldBeFalse();
        (await LoggedInRepIdsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rep_stays_logged_in_while_any_of_their_circuits_is_open()
    {
        await Circuits.ConnectAsync("tab-1", User("agent"));
        await Circuits.ConnectAsync("tab-2", User("agent"));

        Circuits.Disconnect("tab-1");

        (await IsAvailableAsync("rep:1")).ShouldBeTrue();
        (await LoggedInRepIdsAsync()).ShouldBe(["1"]);
    }

    [Fact]
    public async Task Switching_to_away_takes_the_rep_out_at_once_and_is_remembered_for_the_next_circuit()
    {
        var changes = 0;
        _portal.Get<RepresentativePresence>().Changed += () => changes++;
        await Circuits.ConnectAsync("circuit-1", User("agent2"));

        await _portal.Get<PresenceStatus>().SetAvailableAsync("agent2", false);

        (await IsAvailableAsync("rep:2")).ShouldBeFalse();
        (await LoggedInRepIdsAsync()).ShouldBeEmpty();
        changes.ShouldBe(2);
        await using (var db = _portal.CreateDbContext())
        {
            (await db.UserPreferences.SingleAsync(p => p.UserName == "agent2")).Available.ShouldBeFalse();
        }

        Circuits.Disconnect("circuit-1");
        await Circuits.ConnectAsync("circuit-2", User("agent2"));

        (await IsAvailableAsync("rep:2")).ShouldBeFalse();

        await _portal.Get<PresenceStatus>().SetAvailableAsync("agent2", true);

        (await LoggedInRepIdsAsync()).ShouldBe(["2"]);
    }

    [Fact]
    public async Task A_user_who_is_no_representative_makes_no_queue_available()
    {
        await Circuits.ConnectAsync("circuit-1", User("supervisor", PortalRoles.Supervisor));

        (await IsAvailableAsync("general")).ShouldBeFalse();
        (await LoggedInRepIdsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_anonymous_circuit_counts_for_nobody()
    {
        await Circuits.ConnectAsync("circuit-1", new System.Security.Claims.ClaimsPrincipal());

        (await LoggedInRepIdsAsync()).ShouldBeEmpty();
    }

    private static System.Security.Claims.ClaimsPrincipal User(string userName, string role = PortalRoles.Agent) =>
        PortalClaims.Principal(userName, userName, userName, [role]);

    private async Task<bool> IsAvailableAsync(string queueId)
    {
        var snapshot = await _portal.Get<PortalCatalog>().GetAsync();
        return _portal.Get<QueueAvailability>().IsAvailable(QueueResolver.Resolve(queueId, snapshot).Target!, snapshot);
    }

    private async Task<IReadOnlyList<string>> LoggedInRepIdsAsync()
    {
        var api = await new CommandApiClient(_portal.CreateClient()).SignedInAsync();
        var reply = await api.GetAsync("action=get_logged_in_reps");
        return reply.Xml.Root!.Elements(CommandApiClient.Ns + "rep").Select(r => r.Attribute("id")!.Value).ToList();
    }
}
