using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.CommandApi;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>The appliance's documents as recorded and as this portal writes them, read by local names.</summary>
public sealed class ApplianceXmlTests
{
    /// <summary>The 2019 reply of command-api-facts.md, verbatim: older namespace, tabs, a blank line after the declaration.</summary>
    private const string Recorded2019 = """
<?xml version="1.0" encoding="UTF-8"?>

<session_key xmlns="http://www.bomgar.com/namespaces/API/command">
	<type>support</type>
	<expires>1575045211</expires>
	<queue available="0">rep</queue>
	<queue_id>1</queue_id>
	<short_key>2960564</short_key>
	<key_url>https://HOST/?ak=3893f3dad96e61ce73d292ef83216468</key_url>
	<mail_subject>Remote Support Invitation</mail_subject>
	<mail_body>
Click on the link below and follow the directions.

https://HOST/?ak=3893f3dad96e61ce73d292ef83216468

... (two or three lines of product text) ...
	</mail_body>
</session_key>
""";

    [Fact]
    public void The_recorded_2019_session_key_in_the_older_namespace_is_read()
    {
        var document = ApplianceXml.Parse(Recorded2019);

        var key = ApplianceXml.ReadSessionKey(document);

        ApplianceXml.FindError(document).ShouldBeNull();
        key.Type.ShouldBe("support");
        key.Ttl.ShouldBeNull();
        key.Expires.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1575045211));
        key.QueueKind.ShouldBe(QueueKind.Rep);
        key.Available.ShouldBeFalse();
        key.QueueId.ShouldBe(1);
        key.ExternalKey.ShouldBeNull();
        key.ShortKey.ShouldBe("2960564");
        key.KeyUrl.ShouldBe("https://HOST/?ak=3893f3dad96e61ce73d292ef83216468");
        key.MailSubject.ShouldBe("Remote Support Invitation");
        key.MailBody.ShouldStartWith("Click on the link below and follow the directions.");
        key.MailBody.ShouldContain("https://HOST/?ak=3893f3dad96e61ce73d292ef83216468");
    }

    [Fact]
    public void The_access_key_of_the_recorded_key_url_is_its_ak_parameter()
    {
        var key = ApplianceXml.ReadSessionKey(ApplianceXml.Parse(Recorded2019));

        ApplianceSessionKeyAuthority.AccessKeyOf(key.KeyUrl).ShouldBe("3893f3dad96e61ce73d292ef83216468");
    }

    [Theory]
    [InlineData("https://support.example.com/")]
    [InlineData("https://support.example.com/?ak=")]
    [InlineData("https://support.example.com/?ak=not-hex-and-far-too-long-for-the-column-0123456789")]
    [InlineData("not a url")]
    public void A_key_url_without_a_storable_access_key_gives_none(string keyUrl) =>
        ApplianceSessionKeyAuthority.AccessKeyOf(keyUrl).ShouldBeNull();

    [Fact]
    public void A_session_key_in_the_current_namespace_as_this_portal_writes_it_is_read_with_every_optional_element()
    {
        var issued = new IssuedSessionKey(1, "support", 3600, true, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            DateTimeOffset.FromUnixTimeSeconds(1_800_003_600), new QueueTarget(QueueKind.Team, 4, 4), true, "INC0012345", "7654321",
            "https://remote.example.com/?ak=00112233445566778899aabbccddeeff", "Remote Support Invitation", "Body line one\n\nline two", 2, "Remote", "remote.example.com");
        var xml = CommandXml.SessionKey(issued);

        var key = ApplianceXml.ReadSessionKey(ApplianceXml.Parse(xml));

        key.Ttl.ShouldBe(3600);
        key.Expires.ToUnixTimeSeconds().ShouldBe(1_800_003_600);
        key.QueueKind.ShouldBe(QueueKind.Team);
        key.Available.ShouldBeTrue();
        key.QueueId.ShouldBe(4);
        key.ExternalKey.ShouldBe("INC0012345");
        key.ShortKey.ShouldBe("7654321");
        key.MailBody.ShouldBe("Body line one\n\nline two");
    }

    [Fact]
    public void A_general_queue_key_without_ttl_queue_id_or_external_key_is_read()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>

            <session_key xmlns="https://www.beyondtrust.com/namespaces/API/command">
            	<type>support</type>
            	<expires>1900000000</expires>
            	<queue available="1">general</queue>
            	<short_key>1234567</short_key>
            	<key_url>https://support.example.com/?ak=0123456789abcdef0123456789abcdef</key_url>
            </session_key>
            """;

        var key = ApplianceXml.ReadSessionKey(ApplianceXml.Parse(xml));

        key.Ttl.ShouldBeNull();
        key.QueueId.ShouldBeNull();
        key.ExternalKey.ShouldBeNull();
        key.QueueKind.ShouldBe(QueueKind.General);
        key.MailSubject.ShouldBe("");
        key.MailBody.ShouldBe("");
    }

    [Theory]
    [InlineData("https://www.beyondtrust.com/namespaces/API/command")]
    [InlineData("http://www.bomgar.com/namespaces/API/command")]
    [InlineData("")]
    public void An_error_as_the_root_is_found_in_any_namespace(string ns)
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<error xmlns=\"{ns}\">Invalid action</error>\n";

        ApplianceXml.FindError(ApplianceXml.Parse(xml)).ShouldBe("Invalid action");
    }

    [Fact]
    public void An_error_as_a_child_of_the_expected_root_is_found()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>

            <session_key xmlns="http://www.bomgar.com/namespaces/API/command">
            	<error>Unable to find a representative with the username 'jsmith'</error>
            </session_key>
            """;

        ApplianceXml.FindError(ApplianceXml.Parse(xml)).ShouldBe("Unable to find a representative with the username 'jsmith'");
    }

    [Fact]
    public void This_portals_own_error_document_is_found()
    {
        ApplianceXml.FindError(ApplianceXml.Parse(ApiXml.Error("queue_id 'team:9': there is no support team with id 9")))
            .ShouldBe("queue_id 'team:9': there is no support team with id 9");
    }

    [Fact]
    public void A_session_key_without_a_short_key_is_malformed()
    {
        const string xml = "<session_key><type>support</type><expires>1900000000</expires><key_url>https://x/?ak=1</key_url></session_key>";

        var failure = Should.Throw<ApplianceException>(() => ApplianceXml.ReadSessionKey(ApplianceXml.Parse(xml)));

        failure.Kind.ShouldBe(ApplianceFailureKind.Malformed);
        failure.Message.ShouldContain("<short_key>");
    }

    [Fact]
    public void A_reply_that_is_not_xml_is_malformed()
    {
        var failure = Should.Throw<ApplianceException>(() => ApplianceXml.Parse("<html><body>Bad gateway"));

        failure.Kind.ShouldBe(ApplianceFailureKind.Malformed);
    }

    [Fact]
    public void A_document_type_declaration_is_refused()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><error>&e;</error>";

        Should.Throw<ApplianceException>(() => ApplianceXml.Parse(xml)).Kind.ShouldBe(ApplianceFailureKind.Malformed);
    }

    [Fact]
    public void Support_teams_with_members_are_read_in_the_older_namespace()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>

            <support_teams xmlns="http://www.bomgar.com/namespaces/API/command">
            	<support_team id="1">
            		<name>Tier 1 Support</name>
            		<code_name>tier1</code_name>
            		<members>
            			<representative id="1">
            				<username>admin</username>
            				<public_display_name>Alex Morgan</public_display_name>
            				<private_display_name>Alex Morgan (Tier 1)</private_display_name>
            			</representative>
            			<representative id="2">
            				<username>jsmith</username>
            				<display_name>John Smith</display_name>
            			</representative>
            		</members>
            	</support_team>
            	<support_team id="2">
            		<name>After-hours Queue</name>
            		<code_name>after_hours</code_name>
            		<persistent>1</persistent>
            	</support_team>
            	<support_team>
            		<name>No id, cannot be routed to</name>
            	</support_team>
            </support_teams>
            """;

        var teams = ApplianceXml.ReadSupportTeams(ApplianceXml.Parse(xml));

        teams.Count.ShouldBe(2);
        teams[0].ShouldSatisfyAllConditions(
            t => t.Id.ShouldBe(1),
            t => t.CodeName.ShouldBe("tier1"),
            t => t.IsPersistent.ShouldBeFalse(),
            t => t.Members.Select(m => m.Id).ShouldBe([1, 2]));
        teams[0].Members[0].PrivateDisplayName.ShouldBe("Alex Morgan (Tier 1)");
        teams[0].Members[1].PublicDisplayName.ShouldBe("John Smith");
        teams[1].IsPersistent.ShouldBeTrue();
        teams[1].Members.ShouldBeEmpty();
    }

    [Fact]
    public void Logged_in_reps_are_read_with_or_without_optional_elements()
    {
        const string xml = """
            <logged_in_reps xmlns="https://www.beyondtrust.com/namespaces/API/command">
            	<rep id="1">
            		<public_display_name>Alex Morgan</public_display_name>
            		<private_display_name>Alex Morgan (Tier 1)</private_display_name>
            		<type>normal</type>
            		<logged_in_since>1575040000</logged_in_since>
            		<support_session_count>2</support_session_count>
            		<showing_on_rep_list>1</showing_on_rep_list>
            	</rep>
            	<rep id="3">
            		<public_display_name>Jane Smith</public_display_name>
            	</rep>
            </logged_in_reps>
            """;

        var reps = ApplianceXml.ReadLoggedInReps(ApplianceXml.Parse(xml));

        reps.Select(r => r.Id).ShouldBe([1, 3]);
        reps[0].LoggedInSince.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1575040000));
        reps[0].SupportSessionCount.ShouldBe(2);
        reps[1].LoggedInSince.ShouldBeNull();
        reps[1].PrivateDisplayName.ShouldBe("Jane Smith");
    }

    [Fact]
    public void The_command_permission_is_read_from_api_information()
    {
        var info = ApplianceXml.ReadApiInfo(ApplianceXml.Parse(CommandXml.ApiInformation("1.24.0", DateTimeOffset.UnixEpoch, "read_only")));

        info.ApiVersion.ShouldBe("1.24.0");
        info.CommandPermission.ShouldBe("read_only");
    }

    [Fact]
    public void An_unexpected_root_is_malformed_and_named()
    {
        var failure = Should.Throw<ApplianceException>(() => ApplianceXml.ReadSupportTeams(ApplianceXml.Parse("<logged_in_reps/>")));

        failure.Message.ShouldContain("<logged_in_reps>");
        failure.Message.ShouldContain("<support_teams>");
    }
}
