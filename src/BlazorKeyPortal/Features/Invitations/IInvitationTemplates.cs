using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.PublicSites;

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

/// <summary>
/// A site's invitation in the language picked on the result card: the site's text for that language (Sites → Texts per
/// language), else the site's own template, else the portal's default wording in that language. Subject and body fall
/// back apart, so a site may translate one and not the other.
/// </summary>
public sealed class LocalizedInvitationTemplates(LocalizedSiteTexts siteTexts, PublicText publicText) : IInvitationTemplates
{
    public async ValueTask<InvitationTemplate> ForAsync(SiteInfo site, string language, CancellationToken cancellationToken = default)
    {
        var texts = await siteTexts.ForAsync(site, language, cancellationToken);
        var portalDefault = publicText.DefaultInvitation(language);
        return new InvitationTemplate(texts.InvitationSubject ?? portalDefault.Subject, texts.InvitationBody ?? portalDefault.Body);
    }
}
