using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Data.Entities;
using MimeKit;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>
/// The invitation as a MIME message: the site's plain text, and an HTML alternative made from it in which the key URL is a
/// link a customer can click (many mail programs show only the HTML part, and do not link bare URLs in it).
/// </summary>
public static partial class InvitationMessage
{
    public static MimeMessage Build(Invitation invitation, string from, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = invitation.Subject,
            Date = date,
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(invitation.Recipient));
        message.Body = new BodyBuilder { TextBody = invitation.Body, HtmlBody = Html(invitation.Body, invitation.Language) }.ToMessageBody();
        // A Content-* header belongs to the body entity in MIME; on the message MimeKit would not write it.
        message.Body.Headers[HeaderId.ContentLanguage] = invitation.Language;
        return message;
    }

    /// <summary>Paragraphs at blank lines, line breaks within them, every http(s) URL a link; everything else encoded.</summary>
    public static string Html(string text, string language)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(language)).Append("\"><head><meta charset=\"utf-8\"></head><body>");
        foreach (var paragraph in ParagraphBreak().Split(text.ReplaceLineEndings("\n").Trim()))
        {
            var lines = paragraph.Split('\n').Select(Linked);
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Linked(string line)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match url in Url().Matches(line))
        {
            result.Append(WebUtility.HtmlEncode(line[at..url.Index]));
            var encoded = WebUtility.HtmlEncode(url.Value);
            result.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
            at = url.Index + url.Length;
        }
        return result.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Url();
}
