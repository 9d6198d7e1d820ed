using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Tests.Infrastructure;
using FluentValidation;

namespace BlazorKeyPortal.Tests.Features.Administration;

public sealed class AdminValidatorTests
{
    private static async Task<IReadOnlyList<string>> ErrorsOf<T>(IValidator<T> validator, T form) =>
        (await validator.ValidateAsync(AdminValidation.Context(form, TestCatalog.Seeded()))).Errors.Select(e => e.ErrorMessage).ToList();

    private static SiteForm NewSite() => new()
    {
        Name = "Field", Title = "Field support", Color = "#123456",
        Hostnames = [new() { Hostname = "field.localhost", IsPrimary = true }],
    };

    [Fact]
    public async Task A_complete_new_site_is_valid()
    {
        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), NewSite())).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_hostname_that_belongs_to_another_site_is_refused()
    {
        var form = NewSite();
        form.Hostnames.Add(new() { Hostname = "Remote.Example.com" });

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["'remote.example.com' already belongs to site 'Remote'; a hostname belongs to one site only."]);
    }

    [Theory]
    [InlineData("bad host", "'bad host' is not a hostname (letters, digits, dashes and dots, no port).")]
    [InlineData("field.localhost:8080", "'field.localhost:8080' is not a hostname (letters, digits, dashes and dots, no port).")]
    [InlineData("-lead.example.com", "'-lead.example.com' is not a hostname (letters, digits, dashes and dots, no port).")]
    public async Task A_malformed_hostname_is_refused(string hostname, string message)
    {
        var form = NewSite();
        form.Hostnames[0].Hostname = hostname;

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe([message]);
    }

    [Fact]
    public async Task A_site_needs_exactly_one_primary_hostname_and_no_duplicates()
    {
        var form = NewSite();
        form.Hostnames.Add(new() { Hostname = "field.localhost", IsPrimary = true });

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["'field.localhost' is listed twice.", "Mark exactly one hostname as primary (2 are)."]);
        form.Hostnames.Clear();
        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["A site needs at least one hostname."]);
    }

    [Theory]
    [InlineData("it")]
    [InlineData("DE")]
    [InlineData("de-DE")]
    public async Task A_default_language_the_public_pages_do_not_speak_is_refused(string language)
    {
        var form = NewSite();
        form.DefaultLanguage = language;

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe([$"'{language}' is not a language of the public pages (en, de, fr, es, nl, ja)."]);
        form.DefaultLanguage = "ja";
        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_primary_site_cannot_stop_being_primary_by_itself()
    {
        var form = SiteForm.From(TestCatalog.Seeded().SiteById[1]);
        form.IsPrimary = false;

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["There must be one primary site: make another site primary instead."]);
    }

    [Fact]
    public async Task An_external_key_pattern_must_be_a_valid_regular_expression()
    {
        var form = NewSite();
        form.ExternalKeyPattern = "INC[0-9";

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).Single().ShouldStartWith("The pattern is not a valid regular expression:");
    }

    [Fact]
    public async Task A_sites_maximum_ttl_stays_within_the_global_maximum()
    {
        var form = NewSite();
        form.MaxTtlSeconds = 86_401;

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["A site's maximum time to live cannot exceed the maximum session key timeout (86400 seconds)."]);
    }

    [Fact]
    public async Task A_site_restricted_to_teams_needs_at_least_one_team()
    {
        var form = NewSite();
        form.RestrictToTeams = true;

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["Pick at least one team, or lift the restriction: otherwise no portal user can issue keys for this site."]);
    }

    [Fact]
    public async Task An_invitation_template_must_carry_the_key()
    {
        var form = NewSite();
        form.MailBodyTemplate = "Please call us.";

        (await ErrorsOf(new SiteFormValidator(new PortalHostnames([])), form)).ShouldBe(["The invitation body must contain {key_url} or {short_key}, or the customer cannot start a session."]);
    }

    [Fact]
    public void The_invitation_preview_fills_every_placeholder()
    {
        var form = NewSite();
        form.MailSubjectTemplate = "Support from {site_name}";
        form.MailBodyTemplate = "Open {key_url} or enter {short_key} at {site_url} before {expires}.";

        var (subject, body) = SiteFormValidator.Preview(form, "https://field.example.com", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        subject.ShouldBe("Support from Field");
        body.ShouldBe("Open https://field.example.com/?ak=3893f3dad96e61ce73d292ef83216468 or enter 2960564 at https://field.example.com before 2026-12-01 09:00 UTC.");
    }

    [Theory]
    [InlineData("tier1", "Another team already has the code name 'tier1'.")]
    [InlineData("Tier 2", "The code name is what the API uses: lower-case letters, digits and underscores, at most 100.")]
    public async Task Team_code_names_are_unique_api_code_names(string code, string message)
    {
        (await ErrorsOf(new TeamFormValidator(), new TeamForm { CodeName = code, Name = "Tier 2" })).ShouldBe([message]);
    }

    [Fact]
    public async Task Team_members_must_be_representatives()
    {
        (await ErrorsOf(new TeamFormValidator(), new TeamForm { CodeName = "tier2", Name = "Tier 2", MemberIds = [1, 42] }))
            .ShouldBe(["There is no representative with id 42."]);
    }

    [Fact]
    public async Task A_representative_needs_display_names_and_a_username_without_colons()
    {
        (await ErrorsOf(new RepresentativeFormValidator(), new RepresentativeForm { Username = "a:b" })).ShouldBe([
            "A username cannot contain ':' (it would break rep_username:NAME).",
            "Customers see the public display name; it cannot be empty.",
            "Colleagues see the private display name; it cannot be empty.",
        ]);
    }

    [Fact]
    public async Task A_representative_may_share_a_username()
    {
        (await ErrorsOf(new RepresentativeFormValidator(), new RepresentativeForm { Username = "jsmith", PublicDisplayName = "J", PrivateDisplayName = "J", TeamIds = [1], SkillCodes = ["codename1"] }))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task An_issue_routes_to_an_enabled_team_under_a_unique_code_name()
    {
        (await ErrorsOf(new IssueFormValidator(), new IssueForm { CodeName = "other", Description = "x", TeamId = 3 }))
            .ShouldBe(["Another issue already has the code name 'other'.", "Pick an enabled team for the issue to route to."]);
    }

    [Fact]
    public async Task A_custom_field_cannot_be_called_external_key()
    {
        (await ErrorsOf(new CustomFieldFormValidator(), new CodeNameForm { CodeName = "external_key", DisplayName = "Ticket" }))
            .ShouldBe(["'external_key' is reserved by the API and cannot be a custom field."]);
        (await ErrorsOf(new CustomFieldFormValidator(), new CodeNameForm { CodeName = "custom_field1", DisplayName = "Again" }))
            .ShouldBe(["Another custom field already has the code name 'custom_field1'."]);
    }

    [Fact]
    public async Task Skill_code_names_are_unique()
    {
        (await ErrorsOf(new SkillFormValidator(), new CodeNameForm { CodeName = "codename2", DisplayName = "Dup" }))
            .ShouldBe(["Another skill already has the code name 'codename2'."]);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(604_801)]
    public async Task The_maximum_session_key_timeout_stays_between_a_minute_and_a_week(int seconds)
    {
        (await ErrorsOf(new SettingsFormValidator(), new SettingsForm { MaxSessionKeyTimeoutSeconds = seconds }))
            .ShouldBe(["The maximum session key timeout must be between 60 seconds and 604800 seconds (7 days)."]);
    }

    [Fact]
    public async Task Allowed_networks_must_be_cidr_prefixes()
    {
        var form = new ApiAccountForm { Name = "ServiceNow", ClientId = "servicenow", AllowedNetworks = "10.20.0.0/16\n2001:db8::/32\n10.0.0.300/8\nintranet" };

        (await ErrorsOf(new ApiAccountFormValidator(), form)).ShouldBe([
            "'10.0.0.300/8' is not a network in CIDR notation (for example 10.20.0.0/16 or 2001:db8::/32).",
            "'intranet' is not a network in CIDR notation (for example 10.20.0.0/16 or 2001:db8::/32).",
        ]);
    }

    [Fact]
    public async Task A_new_api_account_needs_an_unused_client_id()
    {
        (await ErrorsOf(new ApiAccountFormValidator(), new ApiAccountForm { Name = "Again", ClientId = "demo-full-access", CommandPermission = CommandPermission.FullAccess }))
            .ShouldBe(["An API account with the client id 'demo-full-access' already exists."]);
        (await ErrorsOf(new ApiAccountFormValidator(), new ApiAccountForm { Name = "Bad", ClientId = "has space" }))
            .ShouldBe(["A client id has 1 to 100 letters, digits, dashes, dots or underscores."]);
    }
}
