using System.Globalization;
using System.Net;
using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Features.Redemption;

/// <summary>
/// The source document's central example, through public pages reached by Host header: a key URL ties the session
/// to the site of its url_hostname, a typed code to the site it was typed on; a key starts one session only.
/// </summary>
public sealed class RedemptionTests(PublicSitePortal portal) : IClassFixture<PublicSitePortal>
{
    [Fact]
    public async Task A_key_url_for_remote_localhost_starts_a_session_tied_to_Remote_and_opening_it_alone_uses_nothing()
    {
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync("queue_id=team:1&url_hostname=remote.localhost");
        var customer = portal.Customer("remote.localhost");

        var landing = await customer.OpenAsync(keyUrl);
        await customer.OpenAsync(keyUrl); // a mail scanner, then the customer
        var keyAfterOpening = await portal.KeyAsync(shortKey);
        var started = await landing.SubmitAsync(customer.Http, new() { ["customer.name"] = "Dana Fields" });

        landing.Heading.ShouldBe("Your support session is ready");
        landing.Form!.QuerySelector("button")!.TextContent.ShouldBe("Start session");
        keyAfterOpening.RedeemedAt.ShouldBeNull();
        keyAfterOpening.LiveShortKey.ShouldBe(shortKey);
        started.Status.ShouldBe(HttpStatusCode.OK);
        started.Heading.ShouldBe("You are in the queue");
        started.Text.ShouldContain("Remote");
        var key = await portal.KeyAsync(shortKey);
        var session = (await portal.SessionOfAsync(key.Id)).ShouldNotBeNull();
        session.Site!.Name.ShouldBe("Remote");
        session.Method.ShouldBe(RedemptionMethod.KeyUrl);
        session.Status.ShouldBe(SupportSessionStatus.Waiting);
        session.QueueKind.ShouldBe(QueueKind.Team);
        session.QueueId.ShouldBe(1);
        session.CustomerName.ShouldBe("Dana Fields");
        session.StartedAt.ShouldBe(portal.Clock.GetUtcNow());
        key.RedeemedAt.ShouldBe(portal.Clock.GetUtcNow());
        key.RedeemedSiteId.ShouldBe(session.SiteId);
        key.LiveShortKey.ShouldBeNull();
        (await portal.AuditAsync(AuditActions.KeyRedeemed)).ShouldContain(e => e.SubjectId == key.Id.ToString(CultureInfo.InvariantCulture) && e.Details!.Contains("\"site\":\"Remote\""));
    }

    [Theory]
    [InlineData("support.localhost", "Support")]
    [InlineData("remote.localhost", "Remote")]
    [InlineData("support.example.com", "Support")]
    public async Task A_key_typed_on_a_site_belongs_to_that_site_whatever_its_url_hostname(string host, string site)
    {
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=team:1&url_hostname=remote.localhost");

        var started = await portal.Customer(host).EnterKeyAsync($" {shortKey[..3]}-{shortKey[3..5]} {shortKey[5..]} ", "Lee");

        started.Heading.ShouldBe("You are in the queue", started.Html);
        var key = await portal.KeyAsync(shortKey);
        var session = (await portal.SessionOfAsync(key.Id)).ShouldNotBeNull();
        session.Site!.Name.ShouldBe(site);
        session.Method.ShouldBe(RedemptionMethod.ShortKeyEntry);
        key.RedeemedSiteId.ShouldBe(session.SiteId);
    }

    [Fact]
    public async Task A_second_redemption_fails_with_its_message_and_changes_nothing_but_its_audit_entry()
    {
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync();
        await portal.Customer("support.localhost").EnterKeyAsync(shortKey);
        var before = await portal.RedemptionStateAsync();
        var failuresBefore = (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count;

        var typedAgain = await portal.Customer("remote.localhost").EnterKeyAsync(shortKey);
        var linkAgain = await portal.Customer("remote.localhost").OpenAsync(keyUrl);

        typedAgain.Problem.ShouldBe("This session key has already been used. Each key starts one session only. Please ask your support contact for a new session key.");
        typedAgain.Form.ShouldNotBeNull(); // the customer can type another key
        linkAgain.Problem.ShouldStartWith("This session key has already been used.");
        linkAgain.Document.QuerySelector("form").ShouldBeNull(); // no button for a used key
        (await portal.RedemptionStateAsync()).ShouldBe(before);
        var failures = await portal.AuditAsync(AuditActions.RedemptionFailed);
        failures.Count.ShouldBe(failuresBefore + 1); // looking at the landing page is no attempt
        failures[^1].Details.ShouldNotBeNull().ShouldContain("\"reason\":\"already_used\"");
        failures[^1].SubjectId.ShouldBe((await portal.KeyAsync(shortKey)).Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_expired_key_fails_with_its_message_and_changes_nothing_but_its_audit_entry()
    {
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync("queue_id=general&ttl=60");
        portal.Clock.Advance(TimeSpan.FromSeconds(60));
        var before = await portal.RedemptionStateAsync();

        var typed = await portal.Customer("support.localhost").EnterKeyAsync(shortKey);
        var landing = await portal.Customer("remote.localhost").OpenAsync(keyUrl);

        typed.Problem.ShouldBe("This session key has expired. Please ask your support contact for a new session key.");
        landing.Problem.ShouldBe(typed.Problem);
        (await portal.RedemptionStateAsync()).ShouldBe(before);
        (await portal.AuditAsync(AuditActions.RedemptionFailed))[^1].Details.ShouldNotBeNull().ShouldContain("\"reason\":\"expired\"");
    }

    [Fact]
    public async Task A_revoked_key_fails_with_its_message_and_changes_nothing_but_its_audit_entry()
    {
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync();
        var keyId = (await portal.KeyAsync(shortKey)).Id;
        await portal.WriteAsync(scope => scope.Db.SessionKeys.Where(k => k.Id == keyId).ExecuteUpdate(s => s
            .SetProperty(k => k.RevokedAt, portal.Clock.GetUtcNow())
            .SetProperty(k => k.RevokedBy, "supervisor")
            .SetProperty(k => k.LiveShortKey, (string?)null)));
        var before = await portal.RedemptionStateAsync();

        var typed = await portal.Customer("support.localhost").EnterKeyAsync(shortKey);
        var landing = await portal.Customer("remote.localhost").OpenAsync(keyUrl);

        typed.Problem.ShouldBe("This session key has been withdrawn by your support team. Please ask your support contact for a new session key.");
        landing.Problem.ShouldBe(typed.Problem);
        (await portal.RedemptionStateAsync()).ShouldBe(before);
        (await portal.AuditAsync(AuditActions.RedemptionFailed))[^1].Details.ShouldNotBeNull().ShouldContain("\"reason\":\"revoked\"");
    }

    [Theory]
    [InlineData("hello", "That is not a session key.", "not_a_key")]
    [InlineData("12345678", "That is not a session key.", "not_a_key")]
    [InlineData("ZZZ-ZZZZ", "We could not find this session key.", "unknown_key")]
    public async Task Garbage_fails_with_its_message_and_changes_nothing_but_its_audit_entry(string typed, string message, string reason)
    {
        await portal.GenerateKeyAsync();
        var before = await portal.RedemptionStateAsync();

        var page = await portal.Customer("support.localhost").EnterKeyAsync(typed);

        page.Problem.ShouldNotBeNull().ShouldStartWith(message);
        ((AngleSharp.Html.Dom.IHtmlInputElement)page.Document.QuerySelector("#short_key")!).Value.ShouldBe(typed); // to correct, not retype
        (await portal.RedemptionStateAsync()).ShouldBe(before);
        var failure = (await portal.AuditAsync(AuditActions.RedemptionFailed))[^1];
        failure.Details.ShouldNotBeNull().ShouldContain($"\"reason\":\"{reason}\"");
        failure.Actor.ShouldBe("public:198.51.100.7");
    }

    [Fact]
    public async Task A_mangled_key_url_finds_no_key_and_offers_the_key_entry_instead()
    {
        var page = await portal.Customer("remote.localhost").OpenAsync("/?ak=not-an-access-key");

        page.Heading.ShouldBe("This key cannot start a session");
        page.Problem.ShouldNotBeNull().ShouldStartWith("We could not find this session key.");
        page.Document.QuerySelector("a[href='/']").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_empty_key_asks_for_the_key_and_is_no_attempt()
    {
        var failuresBefore = (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count;

        var page = await portal.Customer("support.localhost").EnterKeyAsync("   ");

        page.Problem.ShouldBe("Enter the session key your support contact gave you.");
        (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count.ShouldBe(failuresBefore);
    }

    [Fact]
    public async Task A_form_sent_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var customer = portal.Customer("support.localhost");
        var before = await portal.RedemptionStateAsync();

        var forged = await PublicPageResult.ReadAsync(await customer.Http.PostAsync("/", new FormUrlEncodedContent([new("short_key", shortKey)])));

        forged.Status.ShouldBe(HttpStatusCode.BadRequest, forged.Html);
        forged.Heading.ShouldBe("Please try again");
        (await portal.RedemptionStateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_token_from_one_sites_page_is_not_accepted_by_another_site()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var front = await portal.Customer("support.localhost").GetAsync("/");
        var before = await portal.RedemptionStateAsync();

        // Another browser (no cookie of support.localhost) replays the page's token on remote.localhost.
        var replayed = await front.SubmitAsync(portal.Customer("remote.localhost").Http, new() { ["short_key"] = shortKey });

        replayed.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await portal.RedemptionStateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Redemption_attributes_overwrite_those_of_the_key_field_by_field()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync(
            "queue_id=general&session.custom.external_key=TICKET-1&session.custom.custom_field1=from-key&session.custom.custom_field2=kept&session.priority=1");
        var customer = portal.Customer("remote.localhost");

        var reply = await CommandResult.ReadAsync(await customer.Http.PostAsync("/api/start_session", new FormUrlEncodedContent(
        [
            new("short_key", shortKey),
            new("customer.name", "Ana Ruiz"),
            new("customer.company", "ACME"),
            new("customer.company_code", "AC-1"),
            new("session.custom.external_key", "TICKET-2"),
            new("session.custom.custom_field1", "from-customer"),
            new("session.custom.custom_field3", ""),
        ])));

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Xml.Root!.Name.ShouldBe(CommandApiClient.Ns + "support_session", reply.Body);
        reply.Element("site").ShouldBe("Remote");
        var session = (await portal.SessionOfAsync((await portal.KeyAsync(shortKey)).Id)).ShouldNotBeNull();
        session.Method.ShouldBe(RedemptionMethod.Api);
        session.CustomerName.ShouldBe("Ana Ruiz");
        session.CustomerCompany.ShouldBe("ACME");
        session.CustomerCompanyCode.ShouldBe("AC-1");
        session.ExternalKey.ShouldBe("TICKET-2");
        session.Priority.ShouldBe(1);
        JsonSerializer.Deserialize<Dictionary<string, string>>(session.CustomFieldsJson!)
            .ShouldBe(new Dictionary<string, string> { ["custom_field1"] = "from-customer", ["custom_field2"] = "kept" }, ignoreOrder: true);
    }

    [Fact]
    public async Task Attributes_given_with_a_typed_key_or_a_key_url_keep_what_the_key_has()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync("queue_id=general&session.custom.external_key=TICKET-7&session.custom.custom_field1=v1");

        await portal.Customer("support.localhost").EnterKeyAsync(shortKey, customerName: "");

        var session = (await portal.SessionOfAsync((await portal.KeyAsync(shortKey)).Id)).ShouldNotBeNull();
        session.CustomerName.ShouldBeNull();
        session.ExternalKey.ShouldBe("TICKET-7");
        session.CustomFieldsJson.ShouldBe("{\"custom_field1\":\"v1\"}");
    }

    [Fact]
    public async Task Two_customers_racing_with_one_key_start_exactly_one_session()
    {
        var (shortKey, _) = await portal.GenerateKeyAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            portal.Customer("support.localhost", $"192.0.2.{i + 1}").Http.GetAsync($"/api/start_session?short_key={shortKey}")
                .ContinueWith(t => CommandResult.ReadAsync(t.Result)).Unwrap()));

        replies.Count(r => !r.IsError).ShouldBe(1);
        replies.Where(r => r.IsError).ShouldAllBe(r => r.Error.StartsWith("This session key has already been used.", StringComparison.Ordinal));
        await using var db = portal.CreateDbContext();
        var keyId = (await portal.KeyAsync(shortKey)).Id;
        (await db.SupportSessions.CountAsync(s => s.SessionKeyId == keyId)).ShouldBe(1);
    }
}
