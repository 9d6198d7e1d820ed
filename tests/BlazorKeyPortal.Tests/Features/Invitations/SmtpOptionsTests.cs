using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Invitations;

public sealed class SmtpOptionsTests
{
    private static readonly SmtpOptionsValidator Validator = new();

    private static SmtpOptions Valid() => new() { Host = "smtp.example.com", From = "support@example.com" };

    private static string Failure(SmtpOptions options)
    {
        var result = Validator.Validate(null, options);
        result.Failed.ShouldBeTrue();
        return result.FailureMessage;
    }

    [Fact]
    public void Without_a_host_email_is_off_and_the_defaults_are_valid()
    {
        var options = new SmtpOptions();

        options.IsEnabled.ShouldBeFalse();
        Validator.Validate(null, options).Succeeded.ShouldBeTrue();
        (options.Port, options.Security, options.TimeoutSeconds).ShouldBe((587, SmtpSecurity.StartTls, 30));
        (options.FirstRetryDelay, options.MaxRetryDelay, options.GiveUpAfter).ShouldBe((TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void A_host_and_a_sender_are_enough()
    {
        Validator.Validate(null, Valid()).Succeeded.ShouldBeTrue();
        Validator.Validate(null, new SmtpOptions { Host = "smtp", From = "Example Support <support@example.com>" }).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-25)]
    [InlineData(65536)]
    public void A_port_outside_the_tcp_range_is_refused_with_its_setting_named(int port)
    {
        var options = Valid();
        options.Port = port;

        Failure(options).ShouldContain($"Smtp:Port {port} is not a TCP port");
    }

    [Fact]
    public void Ssl_on_connect_without_a_host_is_refused_rather_than_silently_sending_nothing()
    {
        Failure(new SmtpOptions { Security = SmtpSecurity.SslOnConnect }).ShouldContain("Smtp:Host is not set, but other Smtp settings are");
    }

    [Fact]
    public void A_sender_without_a_host_is_refused()
    {
        Failure(new SmtpOptions { From = "support@example.com" }).ShouldContain("Smtp:Host is not set");
    }

    [Theory]
    [InlineData("support")]
    [InlineData("support@")]
    [InlineData("support@localhost")]
    [InlineData("Support <support>")]
    [InlineData("a@example.com, b@example.com")]
    public void A_sender_that_is_not_an_email_address_is_refused(string from)
    {
        var options = Valid();
        options.From = from;

        Failure(options).ShouldContain($"Smtp:From '{from}' is not an email address");
    }

    [Fact]
    public void A_host_without_a_sender_is_refused()
    {
        Failure(new SmtpOptions { Host = "smtp.example.com" }).ShouldContain("Smtp:From is required with Smtp:Host");
    }

    [Fact]
    public void A_user_name_without_a_password_is_refused()
    {
        var options = Valid();
        options.UserName = "portal";

        Failure(options).ShouldContain("Smtp:UserName and Smtp:Password go together");
    }

    [Fact]
    public void A_retry_schedule_that_gives_up_before_its_first_retry_is_refused()
    {
        var options = Valid();
        options.GiveUpAfter = TimeSpan.FromSeconds(10);

        Failure(options).ShouldContain("Smtp:GiveUpAfter must be at least Smtp:FirstRetryDelay");
    }

    [Fact]
    public async Task The_portal_refuses_to_start_with_a_bad_smtp_setting_and_names_it()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:Port"] = "70000",
            ["Smtp:From"] = "support@example.com",
        });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("Smtp:Port 70000 is not a TCP port");
    }
}
