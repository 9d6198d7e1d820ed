using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.CommandApi;

/// <summary>generate_session_key over a real HTTP pipeline and a real SQLite database.</summary>
public sealed partial class GenerateSessionKeyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<CommandApiClient> ApiAsync() => await new CommandApiClient(portal.CreateClient()).SignedInAsync();

    [Fact]
    public async Task The_document_has_the_appliance_shape_byte_for_byte()
    {
        var api = await ApiAsync();

        // Team 2 is persistent, so it is available with nobody logged in; the fake clock fixes <expires>.
        var reply = await api.GenerateAsync("queue_id=team:2&ttl=3600&external_key=INC0012345&url_hostname=remote.localhost");

        reply.ContentType.ShouldBe("text/xml; charset=UTF-8");
        var masked = AccessKey().Replace(ShortKey().Replace(reply.Body, ">#######<"), m => new string('#', 32));
        masked = masked.Replace($"session key {reply.Element("short_key")}.", "session key #######.", StringComparison.Ordinal);
        masked.ShouldBe(await File.ReadAllTextAsync("Features/CommandApi/SessionKeyDocument.golden.xml"));
    }

    [Fact]
    public async Task Without_a_ttl_the_key_lives_the_maximum_timeout_and_the_ttl_element_is_left_out()
    {
        var reply = (await (await ApiAsync()).GenerateAsync("queue_id=general")).ShouldBeSessionKey();

        reply.ElementOrNull("ttl").ShouldBeNull();
        long.Parse(reply.Element("expires")).ShouldBe(portal.Clock.GetUtcNow().ToUnixTimeSeconds() + 86_400);
    }

    [Fact]
    public async Task Without_url_hostname_the_key_url_uses_the_primary_sites_primary_hostname()
    {
        var reply = (await (await ApiAsync()).GenerateAsync("queue_id=general")).ShouldBeSessionKey();

        reply.Element("key_url").ShouldStartWith("http://support.localhost/?ak=");
    }

    [Fact]
    public async Task A_real_hostname_gets_an_https_key_url()
    {
        var reply = (await (await ApiAsync()).GenerateAsync("queue_id=general&url_hostname=remote.example.com")).ShouldBeSessionKey();

        reply.Element("key_url").ShouldMatch("^https://remote\\.example\\.com/\\?ak=[0-9a-f]{32}$");
        reply.Element("mail_body").ShouldContain(reply.Element("key_url"));
        reply.Element("mail_body").ShouldContain(reply.Element("short_key"));
    }

    [Theory]
    [InlineData("external_key=TICKET-1")]
    [InlineData("session.custom.external_key=TICKET-1")]
    [InlineData("external_key=TICKET-1&session.custom.external_key=TICKET-1")]
    public async Task The_external_key_is_accepted_in_either_spelling(string parameter)
    {
        var reply = (await (await ApiAsync()).GenerateAsync($"queue_id=general&{parameter}")).ShouldBeSessionKey();

        reply.Element("external_key").ShouldBe("TICKET-1");
    }

    [Fact]
    public async Task A_form_post_is_accepted_like_a_get()
    {
        var api = await ApiAsync();

        var reply = (await api.PostAsync(("action", "generate_session_key"), ("type", "support"), ("queue_id", "rep:1"),
            ("session.custom.custom_field1", "Custom Value"), ("session.priority", "2"), ("session.skills", "codename2"))).ShouldBeSessionKey();

        reply.Element("queue").ShouldBe("rep");
        reply.Element("queue_id").ShouldBe("1");
        await using var db = portal.CreateDbContext();
        var key = await db.SessionKeys.SingleAsync(k => k.ShortKey == reply.Element("short_key") && k.LiveShortKey != null);
        key.CustomFieldsJson.ShouldBe("""{"custom_field1":"Custom Value"}""");
        key.Priority.ShouldBe(2);
        key.Skills.ShouldBe("codename2");
    }

    [Fact]
    public async Task Every_attribute_of_the_request_is_stored_with_the_key_and_its_audit_entry()
    {
        var reply = (await (await ApiAsync()).GenerateAsync(
            "queue_id=issue:other&ttl=600&external_key=INC1&session.custom.custom_field3=three&session.priority=1&session.skills=codename1,codename2&url_hostname=remote.example.com")).ShouldBeSessionKey();

        await using var db = portal.CreateDbContext();
        var key = await db.SessionKeys.SingleAsync(k => k.ShortKey == reply.Element("short_key") && k.LiveShortKey != null);
        key.QueueKind.ShouldBe(QueueKind.Team);
        key.QueueId.ShouldBe(1);
        key.RequestedQueue.ShouldBe("issue:other");
        key.ExternalKey.ShouldBe("INC1");
        key.CustomFieldsJson.ShouldBe("""{"custom_field3":"three"}""");
        key.Priority.ShouldBe(1);
        key.Skills.ShouldBe("codename1,codename2");
        key.TtlSeconds.ShouldBe(600);
        key.SiteId.ShouldBe(2);
        key.IssuerKind.ShouldBe(IssuerKind.ApiAccount);
        key.IssuedBy.ShouldBe("demo-full-access");
        key.KeyUrl.ShouldBe(reply.Element("key_url"));

        var audit = await db.AuditEntries.SingleAsync(e => e.SubjectType == AuditSubjects.SessionKey && e.SubjectId == key.Id.ToString());
        audit.Action.ShouldBe(AuditActions.KeyIssued);
        audit.Actor.ShouldBe("api:demo-full-access");
        audit.Details!.ShouldContain("\"ExternalKey\":\"INC1\"");
    }

    [Theory]
    [InlineData("queue_id=team:9", "queue_id 'team:9': there is no support team with id 9")]
    [InlineData("queue_id=rep_username:jsmith", "queue_id 'rep_username:jsmith': 2 representatives share the username 'jsmith' (ids 2, 3); use rep:ID")]
    [InlineData("queue_id=general&ttl=86401", "ttl 86401 exceeds the maximum session key timeout of 86400 seconds")]
    [InlineData("queue_id=general&session.priority=5", "session.priority '5' is not a priority; use 1 (high), 2 (medium) or 3 (low)")]
    [InlineData("queue_id=general&session.custom.nope=1", "session.custom.nope is not a configured custom field")]
    [InlineData("queue_id=general&session.skills=juggling", "session.skills: 'juggling' is not a configured skill")]
    [InlineData("queue_id=general&url_hostname=example.org", "url_hostname 'example.org' is not a hostname of any public site")]
    [InlineData("queue_id=general&ttl=1&ttl=2", "the parameter 'ttl' was given more than once")]
    [InlineData("queue_id=general&external_key=A&session.custom.external_key=B", "external_key and session.custom.external_key were both given, with different values; give one")]
    [InlineData("queue_id=general&session.custom.=x", "a session.custom. parameter has no custom field code name")]
    public async Task A_bad_parameter_gets_an_error_document_that_names_it_and_nothing_is_stored(string parameters, string message)
    {
        await using var db = portal.CreateDbContext();
        var before = await db.SessionKeys.CountAsync();

        var reply = await (await ApiAsync()).GenerateAsync(parameters);

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.ContentType.ShouldBe("text/xml; charset=UTF-8");
        reply.Error.ShouldBe(message);
        (await db.SessionKeys.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Several_bad_parameters_are_all_named()
    {
        var reply = await (await ApiAsync()).GetAsync("action=generate_session_key&type=presentation&queue_id=team:9&ttl=0");

        reply.Error.ShouldBe("type 'presentation' is not supported; the only session type is 'support'; queue_id 'team:9': there is no support team with id 9; ttl '0' is not a time to live; give a whole number of seconds from 1 to 86400");
    }

    [Theory]
    [InlineData("action=generate_sessionkey&type=support&queue_id=general")]
    [InlineData("type=support&queue_id=general")]
    public async Task An_unknown_or_missing_action_is_an_invalid_action(string query)
    {
        (await (await ApiAsync()).GetAsync(query)).Error.ShouldBe("Invalid action");
    }

    [Fact]
    public async Task A_multipart_body_is_refused()
    {
        var api = await ApiAsync();
        using var form = new MultipartFormDataContent { { new StringContent("generate_session_key"), "action" }, { new StringContent("support"), "type" }, { new StringContent("general"), "queue_id" } };

        var reply = await CommandResult.ReadAsync(await api.Http.PostAsync("/api/command", form));

        reply.Error.ShouldBe("multipart/form-data is not accepted; send the parameters as application/x-www-form-urlencoded or in the query string");
    }

    [Fact]
    public async Task Xml_metacharacters_in_values_come_back_escaped_in_a_well_formed_document()
    {
        var reply = (await (await ApiAsync()).GenerateAsync("queue_id=general&external_key=%3C%2Fexternal_key%3E%26%22%27")).ShouldBeSessionKey();

        reply.Element("external_key").ShouldBe("</external_key>&\"'");
    }

    [GeneratedRegex(">[0-9]{7}<")]
    private static partial Regex ShortKey();

    [GeneratedRegex("(?<=ak=)[0-9a-f]{32}")]
    private static partial Regex AccessKey();
}
