using System.Net;
using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>An embedded-mode portal on a loopback port acting as the appliance, and an appliance-mode portal in front of it.</summary>
public sealed class AppliancePair : IAsyncLifetime
{
    public KestrelPortal Appliance { get; } = new();
    public AppliancePortal Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = new AppliancePortal(Appliance.Address, extra: new Dictionary<string, string?>
        {
            // A site the portal allows but the appliance does not know: the appliance refuses keys for it.
            ["Appliance:PublicSites:2:Name"] = "Field",
            ["Appliance:PublicSites:2:Hostnames:0"] = "field.example.com",
        });
        await Portal.ReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Appliance.DisposeAsync();
    }
}

/// <summary>Real HTTP, real OAuth2, real XML: keys issued through the front portal are the appliance's keys.</summary>
public sealed class ApplianceModeTests(AppliancePair pair) : IClassFixture<AppliancePair>
{
    private KestrelPortal Appliance => pair.Appliance;
    private AppliancePortal Portal => pair.Portal;

    [Fact]
    public async Task A_key_issued_through_the_portal_appears_in_both_audit_trails()
    {
        var api = await Portal.ApiClientAsync();

        var reply = (await api.GenerateAsync("queue_id=team:1&external_key=INC0012345&ttl=3600")).ShouldBeSessionKey();

        var shortKey = reply.Element("short_key");
        var portalAudit = await KeyIssueAudit.ReadAsync(Portal);
        var completed = portalAudit.Completed.Single(e => KeyIssueAudit.DetailOf(e, "ShortKey") == shortKey);
        completed.Actor.ShouldBe("api:demo-full-access");
        portalAudit.Pending.ShouldContain(p => p.Sequence == KeyIssueAudit.PendingSequenceOf(completed));
        portalAudit.Unfinished.ShouldBeEmpty();

        await using var applianceDb = Appliance.CreateDbContext();
        var applianceEntry = await applianceDb.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.KeyIssued).ToListAsync();
        applianceEntry.ShouldContain(e => e.Actor == "api:demo-full-access" && KeyIssueAudit.DetailOf(e, "ShortKey") == shortKey);
    }

    [Fact]
    public async Task The_stored_key_holds_what_the_appliance_issued()
    {
        var api = await Portal.ApiClientAsync();

        var reply = (await api.GenerateAsync("queue_id=issue:other&session.custom.external_key=INC0099999")).ShouldBeSessionKey();

        var shortKey = reply.Element("short_key");
        await using var applianceDb = Appliance.CreateDbContext();
        var original = await applianceDb.SessionKeys.AsNoTracking().SingleAsync(k => k.ShortKey == shortKey && k.ExternalKey == "INC0099999");
        await using var portalDb = Portal.CreateDbContext();
        var stored = await portalDb.SessionKeys.AsNoTracking().Include(k => k.Site).SingleAsync(k => k.ShortKey == shortKey && k.ExternalKey == "INC0099999");
        stored.ShouldSatisfyAllConditions(
            k => k.Origin.ShouldBe(KeyOrigin.Appliance),
            k => k.AccessKey.ShouldBe(original.AccessKey),
            k => k.KeyUrl.ShouldBe(original.KeyUrl),
            k => k.ExpiresAt.ShouldBe(original.ExpiresAt),
            k => k.QueueKind.ShouldBe(QueueKind.Team),
            k => k.QueueId.ShouldBe(1),
            k => k.RequestedQueue.ShouldBe("issue:other"),
            k => k.Site!.Name.ShouldBe("Support"),
            k => k.LiveShortKey.ShouldBeNull());
        reply.Element("key_url").ShouldBe(original.KeyUrl);
        reply.Element("mail_body").ShouldContain(original.KeyUrl);
    }

    [Fact]
    public async Task Routing_comes_from_the_appliance()
    {
        var catalog = await Portal.Get<PortalCatalog>().GetAsync();

        catalog.Teams.Select(t => (t.Id, t.CodeName, t.IsPersistent)).ShouldBe([(1, "tier1", false), (2, "after_hours", true)]);
        catalog.TeamById[1].MemberIds.ShouldBe([1, 2], ignoreOrder: true);
        catalog.RepById[1].Username.ShouldBe("admin");
        catalog.IssueByCode["other"].TeamId.ShouldBe(1);
        catalog.TeamIdsOfUser("admin").ShouldBe([1]);
    }

    [Fact]
    public async Task A_username_the_appliance_gives_to_two_representatives_is_refused_before_anything_is_sent()
    {
        var api = await Portal.ApiClientAsync();
        var before = await KeyIssueAudit.ReadAsync(Portal);

        var reply = await api.GenerateAsync("queue_id=rep_username:jsmith");

        reply.Error.ShouldContain("2 representatives share the username 'jsmith'");
        (await KeyIssueAudit.ReadAsync(Portal)).Pending.Count.ShouldBe(before.Pending.Count);
    }

    [Fact]
    public async Task Availability_follows_the_appliance_logins_and_the_key_reply()
    {
        var presence = Appliance.Get<RepresentativePresence>();
        presence.Connect("circuit-availability", "agent");
        try
        {
            await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();
            var api = await Portal.ApiClientAsync();

            var reps = await api.GetAsync("action=get_logged_in_reps");
            var reply = (await api.GenerateAsync("queue_id=rep:1")).ShouldBeSessionKey();

            reps.Xml.Root!.Elements(CommandApiClient.Ns + "rep").Select(r => r.Attribute("id")!.Value).ShouldBe(["1"]);
            reply.Xml.Root!.Element(CommandApiClient.Ns + "queue")!.Attribute("available")!.Value.ShouldBe("1");
            var snapshot = await Portal.Get<PortalCatalog>().GetAsync();
            Portal.Get<QueueAvailability>().IsAvailable(new QueueTarget(QueueKind.Team, 1, 1), snapshot).ShouldBeTrue();
        }
        finally
        {
            presence.Disconnect("circuit-availability");
            await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();
        }
    }

    [Fact]
    public async Task A_change_of_logins_is_announced_after_a_refresh()
    {
        var announced = 0;
        var logins = Portal.Get<IRepresentativeLogins>();
        void Count() => Interlocked.Increment(ref announced);
        logins.Changed += Count;
        var presence = Appliance.Get<RepresentativePresence>();
        try
        {
            presence.Connect("circuit-announce", "agent2");
            await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();

            announced.ShouldBe(1);
            logins.LoggedInReps(await Portal.Get<PortalCatalog>().GetAsync()).Keys.ShouldContain(2);
        }
        finally
        {
            logins.Changed -= Count;
            presence.Disconnect("circuit-announce");
            await Portal.Get<ApplianceDirectoryRefresher>().RefreshAsync();
        }
    }

    [Fact]
    public async Task The_generate_page_service_issues_appliance_keys_for_portal_users_within_the_site_rules()
    {
        var service = Portal.Get<SessionKeyService>();
        var snapshot = await Portal.Get<PortalCatalog>().GetAsync();
        var member = KeyIssuer.User("admin", snapshot.TeamIdsOfUser("admin"));
        var outsider = KeyIssuer.User("visitor", snapshot.TeamIdsOfUser("visitor"));

        var issued = await service.GenerateAsync(new SessionKeyRequest { QueueId = "team:1", UrlHostname = AppliancePortal.RemoteHostname }, member, null);
        var refused = await service.GenerateAsync(new SessionKeyRequest { QueueId = "team:1", UrlHostname = AppliancePortal.RemoteHostname }, outsider, null);

        issued.Key.ShouldNotBeNull().ShouldSatisfyAllConditions(
            k => k.SiteName.ShouldBe("Remote"),
            k => k.KeyUrl.ShouldStartWith("https://remote.example.com/?ak="),
            k => k.Queue.ShouldBe(new QueueTarget(QueueKind.Team, 1, 1)));
        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldContain("only members of the teams allowed on site 'Remote'");
    }

    [Fact]
    public async Task A_site_rule_from_configuration_binds_api_accounts()
    {
        var api = await Portal.ApiClientAsync();

        var reply = await api.GenerateAsync($"queue_id=general&url_hostname={AppliancePortal.RemoteHostname}");

        reply.Error.ShouldContain("API account 'demo-full-access' may not issue keys for site 'Remote'");
    }

    [Fact]
    public async Task An_error_reply_of_the_appliance_reaches_the_caller_and_fails_the_pending_entry()
    {
        var api = await Portal.ApiClientAsync();

        var reply = await api.GenerateAsync("queue_id=general&url_hostname=field.example.com");

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Error.ShouldBe("The appliance refused the key: url_hostname 'field.example.com' is not a hostname of any public site");
        var audit = await KeyIssueAudit.ReadAsync(Portal);
        var failed = audit.Failed[^1];
        KeyIssueAudit.DetailOf(failed, "Failure").ShouldBe("Refused");
        KeyIssueAudit.DetailOf(failed, "Reason").ShouldContain("is not a hostname of any public site");
        audit.Unfinished.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_and_the_key_is_issued()
    {
        var api = await Portal.ApiClientAsync();
        (await api.GenerateAsync()).ShouldBeSessionKey();
        var tokens = Appliance.Get<ApiTokenLimit>();
        await tokens.RevokeAllAsync(CommandApiClient.FullAccess, CancellationToken.None);

        var reply = await api.GenerateAsync();

        reply.ShouldBeSessionKey();
        (await tokens.LiveTokensAsync(CommandApiClient.FullAccess, CancellationToken.None)).Count.ShouldBe(1);
        (await KeyIssueAudit.ReadAsync(Portal)).Unfinished.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_health_check_reports_an_appliance_that_answers_and_accepts_the_credentials()
    {
        var report = await Portal.Get<HealthCheckService>().CheckHealthAsync(c => c.Name == "appliance");

        var entry = report.Entries["appliance"];
        entry.Status.ShouldBe(HealthStatus.Healthy, entry.Description);
        entry.Description.ShouldNotBeNull().ShouldContain("accepts API account 'demo-full-access' with full access");
        (await Portal.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_health_check_reports_credentials_without_full_access()
    {
        await using var portal = new AppliancePortal(Appliance.Address, CommandApiClient.ReadOnly, CommandApiClient.ReadSecret);
        await portal.ReadyAsync();

        var entry = (await portal.Get<HealthCheckService>().CheckHealthAsync(c => c.Name == "appliance")).Entries["appliance"];

        entry.Status.ShouldBe(HealthStatus.Degraded);
        entry.Description.ShouldNotBeNull().ShouldContain("has command permission 'read_only'; generate_session_key needs full_access");
    }

    [Fact]
    public async Task The_health_check_reports_refused_credentials()
    {
        await using var portal = new AppliancePortal(Appliance.Address, CommandApiClient.FullAccess, "wrong-secret");
        portal.Started();

        var entry = (await portal.Get<HealthCheckService>().CheckHealthAsync(c => c.Name == "appliance")).Entries["appliance"];

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Description.ShouldNotBeNull().ShouldContain("refused the portal's API credentials (Appliance:ClientId 'demo-full-access')");
        (await portal.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_configured_sites_are_mirrored_and_other_sites_are_disabled()
    {
        await using var db = Portal.CreateDbContext();

        var sites = await db.PublicSites.AsNoTracking().Include(s => s.Hostnames).OrderBy(s => s.Id).ToListAsync();

        sites.Select(s => (s.Name, s.IsEnabled, s.IsPrimary)).ShouldBe([("Support", true, true), ("Remote", true, false), ("Field", true, false)]);
        sites[0].Hostnames.Select(h => h.Hostname).ShouldBe(["support.example.com", "support.localhost"], ignoreOrder: true);
        sites[1].Hostnames.Select(h => h.Hostname).ShouldBe(["remote.example.com"]);
    }

    [Fact]
    public void The_appliance_instance_itself_issues_keys_with_the_embedded_authority()
    {
        Appliance.Get<ISessionKeyAuthority>().ShouldBeOfType<EmbeddedSessionKeyAuthority>();
        Portal.Get<ISessionKeyAuthority>().ShouldBeOfType<ApplianceSessionKeyAuthority>();
    }
}
