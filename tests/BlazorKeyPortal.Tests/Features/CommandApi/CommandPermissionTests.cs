using System.Net;
using System.Net.Http.Headers;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.CommandApi;

public sealed class CommandPermissionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_a_token_the_command_api_answers_401_with_an_error_document()
    {
        var reply = await new CommandApiClient(portal.CreateClient()).GenerateAsync();

        reply.Status.ShouldBe(HttpStatusCode.Unauthorized);
        reply.ContentType.ShouldBe("text/xml; charset=UTF-8");
        reply.Error.ShouldBe("authentication failed: send a valid bearer token from /oauth2/token");
    }

    [Fact]
    public async Task An_invalid_token_answers_401()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        (await new CommandApiClient(client).GenerateAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_only_account_cannot_generate_keys_but_can_read()
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync(CommandApiClient.ReadOnly, CommandApiClient.ReadSecret);

        (await api.GenerateAsync()).Error.ShouldBe("API account 'demo-read-only' needs full access to the command API for generate_session_key");
        (await api.GetAsync("action=get_support_teams")).Xml.Root!.Name.LocalName.ShouldBe("support_teams");
        (await api.GetAsync("action=get_logged_in_reps")).Xml.Root!.Name.LocalName.ShouldBe("logged_in_reps");
    }

    [Theory]
    [InlineData("action=generate_session_key&type=support&queue_id=general")]
    [InlineData("action=get_support_teams")]
    [InlineData("action=get_logged_in_reps")]
    [InlineData("action=get_api_info")]
    public async Task A_deny_account_can_run_no_command(string query)
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync(CommandApiClient.Deny, CommandApiClient.DenySecret);

        (await api.GetAsync(query)).Error.ShouldStartWith("API account 'demo-deny'");
    }

    [Fact]
    public async Task Get_api_info_reports_the_callers_permission()
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        var reply = await api.GetAsync("action=get_api_info");

        reply.Xml.Root!.Name.ShouldBe(CommandApiClient.Ns + "api_information");
        reply.Element("api_version").ShouldNotBeNullOrWhiteSpace();
        reply.Xml.Descendants(CommandApiClient.Ns + "permission").Single().Attribute("value")!.Value.ShouldBe("full_access");
    }

    [Fact]
    public async Task Get_support_teams_lists_teams_with_their_members_on_request()
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        var withMembers = await api.GetAsync("action=get_support_teams&showmembers=1");
        var without = await api.GetAsync("action=get_support_teams");

        var tier1 = withMembers.Xml.Descendants(CommandApiClient.Ns + "support_team").Single(t => t.Attribute("id")!.Value == "1");
        tier1.Element(CommandApiClient.Ns + "code_name")!.Value.ShouldBe("tier1");
        tier1.Descendants(CommandApiClient.Ns + "representative").Select(r => r.Attribute("id")!.Value).ShouldBe(["1", "2"]);
        without.Xml.Descendants(CommandApiClient.Ns + "members").ShouldBeEmpty();
    }
}
