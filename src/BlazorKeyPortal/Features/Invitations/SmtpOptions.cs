using MimeKit;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the local network that offers no TLS).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The company's SMTP server, through which the portal sends invitation emails. Section <c>Smtp</c>.
/// Without <see cref="Host"/> the portal sends no email: the result card offers only the <c>mailto:</c> link.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server's host name. Defaults to none: email is off.</summary>
    public string? Host { get; set; }

    /// <summary>Defaults to 587 (submission with STARTTLS).</summary>
    public int Port { get; set; } = 587;

    /// <summary>Defaults to <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The account to authenticate as; defaults to none (the server relays without authentication).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, <c>support@example.com</c> or <c>Example Support &lt;support@example.com&gt;</c>. Required with a host.</summary>
    public string? From { get; set; }

    /// <summary>How long one step of talking to the server (connect, authenticate, send) may take. Defaults to 30 seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The wait after the first failed attempt; each further failure doubles it. Defaults to 30 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts. Defaults to 1 hour.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it was queued an invitation that could not be sent is marked failed. Defaults to 24 hours.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether the portal sends email at all.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Checks <see cref="SmtpOptions"/> when the portal starts; every message names the setting to fix.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port {options.Port} is not a TCP port (1-65535); usually 587 with StartTls, 465 with SslOnConnect, 25 with None.");
        }
        if (!options.IsEnabled)
        {
            if (options.Security == SmtpSecurity.SslOnConnect || options.UserName is not null || options.Password is not null || options.From is not null)
            {
                failures.Add("Smtp:Host is not set, but other Smtp settings are: set Smtp:Host to send invitation emails, or remove the Smtp section to keep email off.");
            }
            return Result(failures);
        }
        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Smtp:From is required with Smtp:Host: the sender of invitation emails, e.g. support@example.com.");
        }
        else if (!MailboxAddress.TryParse(options.From, out var from) || !EmailAddress.IsPlain(from.Address))
        {
            failures.Add($"Smtp:From '{options.From}' is not an email address like support@example.com or Example Support <support@example.com>.");
        }
        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Smtp:UserName and Smtp:Password go together: set both to authenticate, or neither.");
        }
        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"Smtp:TimeoutSeconds {options.TimeoutSeconds} must be between 1 and 600.");
        }
        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            failures.Add("Smtp:FirstRetryDelay must be positive and at most Smtp:MaxRetryDelay (e.g. 00:00:30 and 01:00:00).");
        }
        if (options.GiveUpAfter < options.FirstRetryDelay || options.GiveUpAfter > TimeSpan.FromDays(30))
        {
            failures.Add("Smtp:GiveUpAfter must be at least Smtp:FirstRetryDelay and at most 30 days (e.g. 1.00:00:00).");
        }
        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
