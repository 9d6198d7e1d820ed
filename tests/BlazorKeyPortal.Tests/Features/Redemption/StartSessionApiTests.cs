using System.Globalization;
using System.Net;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Redemption;

/// <summary><c>/api/start_session</c>: GET or form POST, XML replies in the command API's style.</summary>
public sealed class StartSessionApiTests(PublicSitePortal portal) : IClassFixture<PublicSitePortal>
{
    [Fact]
    public async Task A_started_session_is_described_in_a_support_session_document()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=team:1&url_hostname=remote.localhost");

        var reply = await CommandResult.ReadAsync(await portal.Customer("support.localhost").Http.GetAsync($"/api/start_session?short_key={shortKey}"));

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.ContentType.ShouldBe("text/xml; charset=UTF-8");
        reply.Body.ShouldBe($"""
            <?xml version="1.0" encoding="UTF-8"?>

            <support_session xmlns="https://www.beyondtrust.com/namespaces/API/command">
            	<status>waiting</status>
            	<site>Support</site>
            	<queue>team</queue>
            	<queue_id>1</queue_id>
            	<start_time>{portal.Clock.GetUtcNow().ToUnixTimeSeconds()}</start_time>
            </support_session>

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_the_portals_own_hostname_the_session_belongs_to_the_site_of_the_keys_url_hostname()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=general&url_hostname=remote.example.com");

        var reply = await CommandResult.ReadAsync(await portal.CreateClient().GetAsync($"/api/start_session?short_key={shortKey}"));

        reply.Element("site").ShouldBe("Remote");
        reply.Element("queue").ShouldBe("general");
        reply.ElementOrNull("queue_id").ShouldBeNull();
    }

    [Fact]
    public async Task A_failed_start_answers_an_error_document_with_the_customers_message()
    {
        var reply = await CommandResult.ReadAsync(await portal.CreateClient().GetAsync("/api/start_session?short_key=ZZZZZZZ"));

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Error.ShouldStartWith("We could not find this session key.");
    }

    [Theory]
    [InlineData("customer.name", "customer.name is 101 characters long; at most 100 are allowed")]
    [InlineData("customer.company", "customer.company is 101 characters long; at most 100 are allowed")]
    [InlineData("customer.company_code", "customer.company_code is 101 characters long; at most 100 are allowed")]
    public async Task Customer_fields_longer_than_100_characters_are_refused_before_any_attempt(string parameter, string error)
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var before = await portal.RedemptionStateAsync();
        var failures = (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count;

        var reply = await CommandResult.ReadAsync(await portal.CreateClient().PostAsync("/api/start_session",
            new FormUrlEncodedContent([new("short_key", shortKey), new(parameter, new string('x', 101))])));

        reply.Error.ShouldBe(error);
        (await portal.RedemptionStateAsync()).ShouldBe(before);
        (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count.ShouldBe(failures);
    }

    [Theory]
    [InlineData("session.custom.no_such_field=x", "session.custom.no_such_field is not a configured custom field")]
    [InlineData("external_key=A&session.custom.external_key=B", "external_key and session.custom.external_key were both given, with different values; give one")]
    [InlineData("", "short_key is required: the seven-character session key")]
    public async Task Parameters_the_command_api_would_refuse_are_refused_here_too(string extra, string error)
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var query = extra.Length == 0 ? "customer.name=x" : $"short_key={shortKey}&{extra}";

        var reply = await CommandResult.ReadAsync(await portal.CreateClient().GetAsync($"/api/start_session?{query}"));

        reply.Error.ShouldBe(error);
        (await portal.KeyAsync(shortKey)).RedeemedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_start_through_the_api_is_audited_with_its_method()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();

        await portal.Customer("remote.localhost", "192.0.2.200").Http.GetAsync($"/api/start_session?short_key={shortKey}");

        var key = await portal.KeyAsync(shortKey);
        var entry = (await portal.AuditAsync(AuditActions.KeyRedeemed)).Single(e => e.SubjectId == key.Id.ToString(CultureInfo.InvariantCulture));
        entry.Actor.ShouldBe("public:192.0.2.200");
        entry.Details.ShouldNotBeNull().ShouldContain($"\"method\":\"{RedemptionMethod.Api}\"");
    }
}
