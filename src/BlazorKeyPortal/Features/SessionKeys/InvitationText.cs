using System.Globalization;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// The invitation email (<c>mail_subject</c>, <c>mail_body</c>): a site's own templates, or our default
/// wording. Placeholders: <c>{key_url}</c>, <c>{short_key}</c>, <c>{expires}</c>, <c>{site_name}</c>, <c>{site_url}</c>.
/// </summary>
public static class InvitationText
{
    public const string DefaultSubject = "Remote Support Invitation";

    public const string DefaultBody = """
        Your support representative has invited you to a remote support session.

        Click on the link below and follow the directions:

        {key_url}

        Or go to {site_url} and enter the session key {short_key}.

        The key can be used once and expires {expires}.
        """;

    public static readonly IReadOnlyList<string> Placeholders = ["{key_url}", "{short_key}", "{expires}", "{site_name}", "{site_url}"];

    public static (string Subject, string Body) Render(SiteInfo site, string siteUrl, string keyUrl, string shortKey, DateTimeOffset expires)
    {
        var subject = string.IsNullOrWhiteSpace(site.MailSubjectTemplate) ? DefaultSubject : site.MailSubjectTemplate;
        var body = string.IsNullOrWhiteSpace(site.MailBodyTemplate) ? DefaultBody : site.MailBodyTemplate;
        return (Fill(subject, site, siteUrl, keyUrl, shortKey, expires), Fill(body, site, siteUrl, keyUrl, shortKey, expires));
    }

    public static string Fill(string template, SiteInfo site, string siteUrl, string keyUrl, string shortKey, DateTimeOffset expires) =>
        template
            .Replace("{key_url}", keyUrl, StringComparison.Ordinal)
            .Replace("{short_key}", shortKey, StringComparison.Ordinal)
            .Replace("{expires}", expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{site_name}", site.Name, StringComparison.Ordinal)
            .Replace("{site_url}", siteUrl, StringComparison.Ordinal);
}
