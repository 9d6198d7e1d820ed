using BlazorKeyPortal.Data.Entities;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>Hands one invitation to the company's SMTP server (MailKit), a fresh connection per mail.</summary>
public sealed class SmtpInvitationMailer(IOptions<SmtpOptions> options, TimeProvider time)
{
    public async Task SendAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var message = InvitationMessage.Build(invitation, smtp.From!, time.GetUtcNow());
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// Whether trying again cannot help: the server refused the recipient for good (5xx), e.g. no such mailbox. Everything
    /// else (server down, timeouts, a full mailbox, a refused login the operator may yet fix) is tried again.
    /// </summary>
    public static bool IsPermanent(Exception error) =>
        error is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused && (int)refused.StatusCode >= 500;

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
