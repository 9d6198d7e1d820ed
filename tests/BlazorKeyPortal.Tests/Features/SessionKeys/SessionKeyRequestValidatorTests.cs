using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SessionKeys;

public sealed class SessionKeyRequestValidatorTests
{
    private static readonly SessionKeyRequestValidator Validator = new();
    private static readonly KeyIssuer Api = KeyIssuer.ApiAccount("demo-full-access", 1);

    private static async Task<IReadOnlyList<string>> ErrorsOf(SessionKeyRequest request, CatalogSnapshot? catalog = null, KeyIssuer? issuer = null)
    {
        var result = await Validator.ValidateAsync(request, catalog ?? TestCatalog.Seeded(), issuer ?? Api);
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    }

    private static SessionKeyRequest General() => new() { QueueId = "general" };

    [Theory]
    [InlineData("general")]
    [InlineData("rep:1")]
    [InlineData("team:1")]
    [InlineData("team:2")]
    [InlineData("embassy:1")]
    [InlineData("rep_username:admin")]
    [InlineData("issue:other")]
    public async Task Every_queue_form_of_the_source_document_is_accepted(string queueId)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = queueId })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "queue_id is required: general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE_NAME")]
    [InlineData("", "queue_id is required: general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE_NAME")]
    [InlineData("generally", "queue_id 'generally' is not a queue; use general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE_NAME")]
    [InlineData("queue:1", "queue_id 'queue:1' has an unknown queue kind 'queue'; use general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE_NAME")]
    [InlineData("rep:abc", "queue_id 'rep:abc': the representative id must be a positive whole number")]
    [InlineData("rep:0", "queue_id 'rep:0': the representative id must be a positive whole number")]
    [InlineData("rep:99", "queue_id 'rep:99': there is no representative with id 99")]
    [InlineData("rep:4", "queue_id 'rep:4': representative 4 is disabled")]
    [InlineData("team:-1", "queue_id 'team:-1': the team id must be a positive whole number")]
    [InlineData("team:9", "queue_id 'team:9': there is no support team with id 9")]
    [InlineData("team:3", "queue_id 'team:3': support team 3 is disabled")]
    [InlineData("embassy:7", "queue_id 'embassy:7': there is no embassy with id 7")]
    [InlineData("rep_username:nobody", "queue_id 'rep_username:nobody': no representative has the username 'nobody'")]
    [InlineData("rep_username:jsmith", "queue_id 'rep_username:jsmith': 2 representatives share the username 'jsmith' (ids 2, 3); use rep:ID")]
    [InlineData("rep_username:", "queue_id 'rep_username:': the username is missing")]
    [InlineData("issue:missing", "queue_id 'issue:missing': there is no issue with the code name 'missing'")]
    [InlineData("issue:legacy", "queue_id 'issue:legacy': the team that issue 'legacy' routes to is disabled")]
    public async Task A_queue_that_cannot_be_resolved_is_rejected_with_its_reason(string? queueId, string message)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = queueId })).ShouldBe([message]);
    }

    [Theory]
    [InlineData(null, "type is required; the only session type is 'support'")]
    [InlineData("presentation", "type 'presentation' is not supported; the only session type is 'support'")]
    [InlineData("Support", "type 'Support' is not supported; the only session type is 'support'")]
    public async Task Only_the_support_type_exists(string? type, string message)
    {
        (await ErrorsOf(new SessionKeyRequest { Type = type, QueueId = "general" })).ShouldBe([message]);
    }

    [Fact]
    public async Task An_external_key_of_1024_characters_is_accepted_and_one_more_is_not()
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", ExternalKey = new string('x', 1024) })).ShouldBeEmpty();
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", ExternalKey = new string('x', 1025) }))
            .ShouldBe(["external_key is 1025 characters long; at most 1024 are allowed"]);
    }

    [Fact]
    public async Task Custom_fields_must_be_configured_enabled_and_at_most_1024_characters()
    {
        var request = General();
        request.CustomFields["custom_field1"] = new string('a', 1024);
        request.CustomFields["custom_field2"] = new string('b', 1025);
        request.CustomFields["unknown"] = "x";
        request.CustomFields["retired_field"] = "x";

        (await ErrorsOf(request)).ShouldBe([
            "session.custom.custom_field2 is 1025 characters long; at most 1024 are allowed",
            "session.custom.unknown is not a configured custom field",
            "session.custom.retired_field is a disabled custom field",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Custom_fields_and_the_external_key_together_may_take_10_KB()
    {
        var atLimit = new SessionKeyRequest { QueueId = "general", ExternalKey = new string('e', 1024) };
        for (var i = 1; i <= 9; i++) atLimit.CustomFields[$"custom_field{i}"] = new string('c', 1024);
        atLimit.CustomFields["custom_field10"] = new string('c', 10 * 1024 - 10 * 1024);
        (await ErrorsOf(atLimit)).ShouldBeEmpty();

        atLimit.CustomFields["custom_field10"] = "!";
        (await ErrorsOf(atLimit)).ShouldBe(["the custom fields and external_key together are 10241 bytes; at most 10240 (10 KB) are allowed"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    public async Task Priorities_one_to_three_are_accepted(string priority)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Priority = priority })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("high")]
    [InlineData("1.0")]
    [InlineData(" 2")]
    [InlineData("")]
    public async Task Any_other_priority_is_rejected(string priority)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Priority = priority }))
            .ShouldBe([$"session.priority '{priority}' is not a priority; use 1 (high), 2 (medium) or 3 (low)"]);
    }

    [Fact]
    public async Task Skills_must_be_configured_enabled_code_names()
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Skills = "codename1,codename2" })).ShouldBeEmpty();
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Skills = "codename1,cooking,old" }))
            .ShouldBe(["session.skills: 'cooking' is not a configured skill", "session.skills: 'old' is a disabled skill"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Skills = "codename1,,codename2" }))
            .ShouldBe(["session.skills has an empty entry; separate skill code names by single commas"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3600")]
    [InlineData("86400")]
    public async Task A_ttl_up_to_the_maximum_session_key_timeout_is_accepted(string ttl)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Ttl = ttl })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0", "ttl '0' is not a time to live; give a whole number of seconds from 1 to 86400")]
    [InlineData("-5", "ttl '-5' is not a time to live; give a whole number of seconds from 1 to 86400")]
    [InlineData("1h", "ttl '1h' is not a time to live; give a whole number of seconds from 1 to 86400")]
    [InlineData("99999999999", "ttl '99999999999' is not a time to live; give a whole number of seconds from 1 to 86400")]
    [InlineData("86401", "ttl 86401 exceeds the maximum session key timeout of 86400 seconds")]
    public async Task A_ttl_that_is_not_a_positive_whole_number_within_the_maximum_is_rejected(string ttl, string message)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", Ttl = ttl })).ShouldBe([message]);
    }

    [Fact]
    public async Task A_site_with_a_lower_maximum_ttl_limits_keys_for_that_site()
    {
        var catalog = TestCatalog.Seeded(remote: site => site with { MaxTtlSeconds = 3600 });

        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost", Ttl = "3601" }, catalog))
            .ShouldBe(["ttl 3601 exceeds the maximum time to live of site 'Remote' of 3600 seconds"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "support.localhost", Ttl = "3601" }, catalog)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("support.localhost")]
    [InlineData("support.example.com")]
    [InlineData("remote.example.com")]
    [InlineData("REMOTE.localhost")]
    public async Task Any_hostname_of_a_public_site_is_accepted(string hostname)
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = hostname })).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_hostname_of_no_public_site_is_rejected()
    {
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "evil.example.net" }))
            .ShouldBe(["url_hostname 'evil.example.net' is not a hostname of any public site"]);
    }

    [Fact]
    public async Task A_site_that_requires_an_external_key_in_a_pattern_enforces_both()
    {
        var catalog = TestCatalog.Seeded(remote: site => site with { ExternalKeyRequired = true, ExternalKeyPattern = "INC[0-9]{7}" });

        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost" }, catalog))
            .ShouldBe(["external_key is required for keys on site 'Remote'"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost", ExternalKey = "INC12345678" }, catalog))
            .ShouldBe(["external_key 'INC12345678' does not have the format that site 'Remote' requires (INC[0-9]{7})"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost", ExternalKey = "INC0012345" }, catalog)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_site_restricted_to_api_accounts_refuses_any_other_account()
    {
        var catalog = TestCatalog.Seeded(remote: site => site with { RestrictToApiAccounts = true, AllowedApiAccountIds = new HashSet<int> { 1 } });

        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost" }, catalog, KeyIssuer.ApiAccount("other", 2)))
            .ShouldBe(["url_hostname 'remote.localhost': API account 'other' may not issue keys for site 'Remote'"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost" }, catalog, Api)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_site_restricted_to_teams_refuses_users_outside_them()
    {
        var catalog = TestCatalog.Seeded(remote: site => site with { RestrictToTeams = true, AllowedTeamIds = new HashSet<int> { 1 } });

        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost" }, catalog, KeyIssuer.User("outsider", new HashSet<int> { 2 })))
            .ShouldBe(["url_hostname 'remote.localhost': only members of the teams allowed on site 'Remote' may issue keys for it"]);
        (await ErrorsOf(new SessionKeyRequest { QueueId = "general", UrlHostname = "remote.localhost" }, catalog, KeyIssuer.User("agent", catalog.TeamIdsOfUser("agent")))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_single_field_can_be_validated_alone_for_a_form()
    {
        var request = new SessionKeyRequest { QueueId = "team:9", Priority = "7" };

        var result = await Validator.ValidatePropertyAsync(request, nameof(SessionKeyRequest.Priority), TestCatalog.Seeded(), Api);

        result.Errors.Select(e => e.ErrorMessage).ShouldBe(["session.priority '7' is not a priority; use 1 (high), 2 (medium) or 3 (low)"]);
    }

    [Fact]
    public async Task A_valid_request_comes_back_with_the_queue_site_ttl_and_priority_it_names()
    {
        var request = new SessionKeyRequest { QueueId = "issue:other", UrlHostname = "Remote.Example.com", Ttl = "600", Priority = "2" };

        var validation = await Validator.ResolveAsync(request, TestCatalog.Seeded(), Api);

        validation.Result.Errors.ShouldBeEmpty();
        validation.Resolved.ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Queue.ShouldBe(new QueueTarget(QueueKind.Team, 1, 1)),
            r => r.Site.Id.ShouldBe(2),
            r => r.Hostname.ShouldBe("remote.example.com"),
            r => r.TtlSeconds.ShouldBe(600),
            r => r.TtlGiven.ShouldBeTrue(),
            r => r.Priority.ShouldBe(2));
    }

    [Fact]
    public async Task An_omitted_ttl_and_hostname_resolve_to_the_primary_site_and_the_longest_ttl_it_allows()
    {
        var catalog = TestCatalog.Seeded(maxTimeoutSeconds: 7_200);

        var validation = await Validator.ResolveAsync(General(), catalog, Api);

        validation.Resolved.ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Queue.ShouldBe(QueueTarget.General),
            r => r.Site.Id.ShouldBe(1),
            r => r.Hostname.ShouldBe("support.localhost"),
            r => r.TtlSeconds.ShouldBe(7_200),
            r => r.TtlGiven.ShouldBeFalse(),
            r => r.Priority.ShouldBeNull());
    }

    [Fact]
    public async Task An_invalid_request_resolves_nothing()
    {
        var validation = await Validator.ResolveAsync(new SessionKeyRequest { QueueId = "general", Ttl = "0" }, TestCatalog.Seeded(), Api);

        validation.IsValid.ShouldBeFalse();
        validation.Resolved.ShouldBeNull();
    }
}
