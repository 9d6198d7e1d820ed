using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>An invitation's subject and body before the placeholders of <see cref="InvitationText"/> are filled in.</summary>
public sealed record InvitationTemplate(string Subject, string Body);

/// <summary>
/// Where the invitation's wording comes from: a site's template in the language picked on the result card, falling back to
/// the site's default templates (and those to the portal's default wording) when the site has none in that language.
/// </summary>
public interface IInvitationTemplates
{
    ValueTask<InvitationTemplate> ForAsync(SiteInfo site, string language, CancellationToken cancellationToken = default);
}

/// <summary>The site's own (single-language) templates for every language, or the portal's default wording.</summary>
public sealed class SiteInvitationTemplates : IInvitationTemplates
{
    public ValueTask<InvitationTemplate> ForAsync(SiteInfo site, string language, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new InvitationTemplate(
            string.IsNullOrWhiteSpace(site.MailSubjectTemplate) ? InvitationText.DefaultSubject : site.MailSubjectTemplate,
            string.IsNullOrWhiteSpace(site.MailBodyTemplate) ? InvitationText.DefaultBody : site.MailBodyTemplate));
}
