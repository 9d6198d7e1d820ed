using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Administration;

/// <summary>Administrative changes take effect at once, for the command API and the portal alike, and are audited.</summary>
public sealed class AdministrationEffectTests
{
    private const string Admin = "user:admin";

    [Fact]
    public async Task A_site_restricted_to_other_api_accounts_is_refused_to_this_one_by_the_command_api()
    {
        await using var portal = new PortalFactory().Started();
        var readOnlyId = (await portal.Get<PortalCatalog>().GetAsync()).ApiAccountByClientId[CommandApiClient.ReadOnly].Id;
        var form = await RemoteFormAsync(portal);
        form.RestrictToApiAccounts = true;
        form.AllowedApiAccountIds = [readOnlyId];

        (await portal.Get<SiteAdministration>().SaveAsync(Admin, form)).Succeeded.ShouldBeTrue();

        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync("queue_id=general&url_hostname=remote.localhost")).Error
            .ShouldBe("url_hostname 'remote.localhost': API account 'demo-full-access' may not issue keys for site 'Remote'");
        (await api.GenerateAsync("queue_id=general&url_hostname=support.localhost")).ShouldBeSessionKey();
    }

    [Fact]
    public async Task A_site_restricted_to_team_1_lets_its_members_issue_keys_and_refuses_everyone_else()
    {
        await using var portal = new PortalFactory().Started();
        var form = await RemoteFormAsync(portal);
        form.RestrictToTeams = true;
        form.AllowedTeamIds = [1];
        (await portal.Get<SiteAdministration>().SaveAsync(Admin, form)).Succeeded.ShouldBeTrue();
        var service = portal.Get<SessionKeyService>();
        var catalog = await portal.Get<PortalCatalog>().GetAsync();
        var request = new SessionKeyRequest { QueueId = "team:1", UrlHostname = "remote.localhost" };

        var member = await service.GenerateAsync(request, KeyIssuer.User("agent", catalog.TeamIdsOfUser("agent")), null);
        var outsider = await service.GenerateAsync(request, KeyIssuer.User("supervisor", catalog.TeamIdsOfUser("supervisor")), null);

        member.Key.ShouldNotBeNull();
        outsider.Errors.Select(e => e.ErrorMessage).ShouldBe(["url_hostname 'remote.localhost': only members of the teams allowed on site 'Remote' may issue keys for it"]);
    }

    [Fact]
    public async Task A_required_external_key_pattern_is_enforced_for_the_command_api()
    {
        await using var portal = new PortalFactory().Started();
        var form = await RemoteFormAsync(portal);
        form.ExternalKeyRequired = true;
        form.ExternalKeyPattern = "INC[0-9]{7}";
        (await portal.Get<SiteAdministration>().SaveAsync(Admin, form)).Succeeded.ShouldBeTrue();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        (await api.GenerateAsync("queue_id=general&url_hostname=remote.localhost")).Error.ShouldBe("external_key is required for keys on site 'Remote'");
        (await api.GenerateAsync("queue_id=general&url_hostname=remote.localhost&external_key=CHG0000001")).Error
            .ShouldBe("external_key 'CHG0000001' does not have the format that site 'Remote' requires (INC[0-9]{7})");
        (await api.GenerateAsync("queue_id=general&url_hostname=remote.localhost&external_key=INC0012345")).ShouldBeSessionKey();
    }

    [Fact]
    public async Task Disabling_a_rep_makes_rep_id_an_error_and_removes_the_rep_from_availability()
    {
        await using var portal = new PortalFactory().Started();
        portal.Get<RepresentativePresence>().Connect("circuit-1", "agent");
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync("queue_id=rep:1")).Xml.Root!.Element(CommandApiClient.Ns + "queue")!.Attribute("available")!.Value.ShouldBe("1");
        (await api.GetAsync("action=get_logged_in_reps")).Xml.Descendants(CommandApiClient.Ns + "rep").Select(r => r.Attribute("id")!.Value).ShouldBe(["1"]);

        var rep = RepresentativeFormFrom((await portal.Get<PortalCatalog>().GetAsync()).RepById[1]);
        rep.IsEnabled = false;
        (await portal.Get<RoutingAdministration>().SaveRepresentativeAsync(Admin, rep)).Succeeded.ShouldBeTrue();

        (await api.GenerateAsync("queue_id=rep:1")).Error.ShouldBe("queue_id 'rep:1': representative 1 is disabled");
        (await api.GetAsync("action=get_logged_in_reps")).Xml.Descendants(CommandApiClient.Ns + "rep").ShouldBeEmpty();
        (await api.GenerateAsync("queue_id=team:1")).Xml.Root!.Element(CommandApiClient.Ns + "queue")!.Attribute("available")!.Value.ShouldBe("0");
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_before_and_after()
    {
        await using var portal = new PortalFactory().Started();
        var form = await RemoteFormAsync(portal);
        form.Hostnames.Add(new HostnameForm { Hostname = "help.example.com" });

        var result = await portal.Get<SiteAdministration>().SaveAsync(Admin, form);

        await using var db = portal.CreateDbContext();
        var entry = await db.AuditEntries.OrderBy(e => e.Sequence).LastAsync();
        entry.Actor.ShouldBe(Admin);
        entry.Action.ShouldBe(AuditActions.AdminChange);
        entry.SubjectType.ShouldBe(SiteAdministration.SubjectType);
        entry.SubjectId.ShouldBe(result.SubjectId);
        using var details = JsonDocument.Parse(entry.Details!);
        details.RootElement.GetProperty("before").GetProperty("Hostnames").GetArrayLength().ShouldBe(2);
        details.RootElement.GetProperty("after").GetProperty("Hostnames").GetArrayLength().ShouldBe(3);
        (await portal.Get<PortalCatalog>().GetAsync()).SiteByHostname["help.example.com"].Name.ShouldBe("Remote");
    }

    [Fact]
    public async Task Making_another_site_primary_moves_the_default_url_hostname()
    {
        await using var portal = new PortalFactory().Started();
        var form = await RemoteFormAsync(portal);
        form.IsPrimary = true;

        (await portal.Get<SiteAdministration>().SaveAsync(Admin, form)).Succeeded.ShouldBeTrue();

        var catalog = await portal.Get<PortalCatalog>().GetAsync();
        catalog.Sites.Count(s => s.IsPrimary).ShouldBe(1);
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync()).Element("key_url").ShouldStartWith("http://remote.localhost/?ak=");
    }

    [Fact]
    public async Task A_new_api_account_gets_a_secret_shown_once_that_works_and_disabling_it_stops_its_tokens()
    {
        await using var portal = new PortalFactory().Started();
        var accounts = portal.Get<ApiAccountAdministration>();

        var (created, secret) = await accounts.CreateAsync(Admin, new ApiAccountForm { Name = "ServiceNow", ClientId = "servicenow", CommandPermission = CommandPermission.FullAccess });
        created.Succeeded.ShouldBeTrue();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync("servicenow", secret!);
        (await api.GenerateAsync()).ShouldBeSessionKey();

        await using (var db = portal.CreateDbContext())
        {
            var stored = await db.ApiAccounts.SingleAsync(a => a.ClientId == "servicenow");
            var form = new ApiAccountForm { Id = stored.Id, Name = stored.Name, ClientId = stored.ClientId, CommandPermission = stored.CommandPermission, IsEnabled = false };
            (await accounts.UpdateAsync(Admin, form)).Succeeded.ShouldBeTrue();
            (await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientSecret == secret)).ShouldBeFalse("only a hash is stored");
        }

        (await api.GenerateAsync()).Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await accounts.LiveTokensAsync("servicenow")).ShouldBeEmpty();
    }

    private static async Task<SiteForm> RemoteFormAsync(PortalFactory portal) =>
        SiteForm.From((await portal.Get<PortalCatalog>().GetAsync()).SiteById[2]);

    private static RepresentativeForm RepresentativeFormFrom(RepInfo rep) => new()
    {
        Id = rep.Id, Username = rep.Username, PublicDisplayName = rep.PublicDisplayName, PrivateDisplayName = rep.PrivateDisplayName,
        PortalUserName = rep.PortalUserName, IsEnabled = rep.IsEnabled, TeamIds = [.. rep.TeamIds], SkillCodes = [.. rep.SkillCodes],
    };
}
