using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>Appliance settings are checked at start in appliance mode, and each bad one is named.</summary>
public sealed class ApplianceOptionsTests
{
    [Fact]
    public async Task The_portal_refuses_to_start_in_appliance_mode_without_a_base_url_and_names_the_setting()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>()
        {
            ["KeyAuthority:Mode"] = "Appliance",
            ["Appliance:ClientId"] = "portal",
            ["Appliance:ClientSecret"] = "secret",
        });

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain("Appliance:BaseUrl is required when KeyAuthority:Mode is Appliance");
    }

    [Fact]
    public async Task The_portal_refuses_to_start_with_an_unknown_mode_and_names_the_setting()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["KeyAuthority:Mode"] = "Cloud" });

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain("KeyAuthority:Mode");
    }

    [Fact]
    public async Task The_embedded_default_needs_no_appliance_settings()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>());

        portal.Started();

        portal.Get<ISessionKeyAuthority>().ShouldBeOfType<EmbeddedSessionKeyAuthority>();
    }

    [Theory]
    [InlineData("ClientId", null, "Appliance:ClientId is required")]
    [InlineData("ClientSecret", "", "Appliance:ClientSecret is required")]
    [InlineData("BaseUrl", "http://appliance.example.com", "Appliance:BaseUrl 'http://appliance.example.com' must use https")]
    [InlineData("BaseUrl", "support.example.com", "is not an absolute http(s) URL")]
    [InlineData("RefreshSeconds", "1", "Appliance:RefreshSeconds must be between 5 and 3600")]
    [InlineData("TimeoutSeconds", "0", "Appliance:TimeoutSeconds must be between 1 and 120")]
    public void A_bad_setting_is_named(string setting, string? value, string message)
    {
        var options = Valid();
        typeof(ApplianceOptions).GetProperty(setting)!.SetValue(options,
            setting.EndsWith("Seconds", StringComparison.Ordinal) ? int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture) : value);

        var result = Validator(KeyAuthorityMode.Appliance).Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public void Plain_http_is_accepted_on_a_loopback_address()
    {
        var options = Valid();
        options.BaseUrl = "http://127.0.0.1:5080";

        Validator(KeyAuthorityMode.Appliance).Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Sites_that_share_a_host_name_or_carry_a_bad_pattern_are_named()
    {
        var options = Valid();
        options.PublicSites =
        [
            new() { Name = "Support", Hostnames = ["support.example.com"] },
            new() { Name = "Remote", Hostnames = ["SUPPORT.example.com"], ExternalKeyPattern = "INC[0-9" },
            new() { Name = "Empty" },
        ];

        var message = Validator(KeyAuthorityMode.Appliance).Validate(null, options).FailureMessage.ShouldNotBeNull();

        message.ShouldContain("Appliance:PublicSites:1:Hostnames:0 'SUPPORT.example.com' already belongs to Appliance:PublicSites:0");
        message.ShouldContain("Appliance:PublicSites:1:ExternalKeyPattern is not a valid regular expression");
        message.ShouldContain("Appliance:PublicSites:2:Hostnames is empty");
    }

    [Fact]
    public void Without_configured_sites_the_appliance_host_is_the_one_primary_site()
    {
        var sites = Valid().EffectiveSites();

        sites.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.Name.ShouldBe("support.example.com"),
            s => s.IsPrimary.ShouldBeTrue(),
            s => s.Hostnames.ShouldBe(["support.example.com"]));
    }

    [Fact]
    public void In_embedded_mode_the_appliance_section_is_not_checked()
    {
        Validator(KeyAuthorityMode.Embedded).Validate(null, new ApplianceOptions()).Skipped.ShouldBeTrue();
    }

    private static ApplianceOptions Valid() => new()
    {
        BaseUrl = "https://support.example.com",
        ClientId = "portal",
        ClientSecret = "secret",
    };

    private static ApplianceOptionsValidator Validator(KeyAuthorityMode mode) => new(Options.Create(new KeyAuthorityOptions { Mode = mode }), new BlazorKeyPortal.Features.PublicSites.PortalHostnames([]));
}
