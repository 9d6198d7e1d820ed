using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>The host refuses to start on sign-in settings it cannot use, and says which setting to fix.</summary>
public sealed class SignInSettingsTests
{
    [Theory]
    [InlineData("Authentication:Authority", "not a url", "Authentication:Authority")]
    [InlineData("Authentication:Authority", "http://login.example.com", "must use https")]
    [InlineData("Authentication:GroupRoles:GRP-Ops", "Operator", "Authentication:GroupRoles:GRP-Ops")]
    [InlineData("Authentication:ClientId", "portal", "Authentication:Authority is not")]
    [InlineData("Authentication:SessionRevalidationInterval", "00:00:00", "Authentication:SessionRevalidationInterval")]
    [InlineData("Authentication:SessionRevalidationInterval", "02:00:00", "Authentication:SessionRevalidationInterval")]
    public async Task The_host_refuses_a_bad_sign_in_setting_and_names_it(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key != "Authentication:Authority" && key != "Authentication:ClientId")
        {
            settings["Authentication:Authority"] = "https://login.example.com";
            settings["Authentication:ClientId"] = "portal";
            settings["Authentication:ClientSecret"] = "secret";
        }
        await using var portal = new ConfiguredPortalFactory(settings);

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain(expected);
    }

    [Fact]
    public async Task An_external_provider_without_client_credentials_is_refused_naming_both_settings()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Authentication:Authority"] = "https://login.example.com" });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("Authentication:ClientId is required");
        messages.ShouldContain("Authentication:ClientSecret is required");
    }
}
