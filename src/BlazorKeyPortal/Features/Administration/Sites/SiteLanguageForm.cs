using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.PublicSites;

namespace BlazorKeyPortal.Features.Administration.Sites;

/// <summary>A site's texts in one language of the public pages; an empty field keeps the site's own.</summary>
public sealed class SiteLanguageForm
{
    public string Language { get; set; } = PublicLanguages.Default;
    public string? Title { get; set; }
    public string? Notice { get; set; }
    public string? InvitationSubject { get; set; }
    public string? InvitationBody { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Notice)
        && string.IsNullOrWhiteSpace(InvitationSubject) && string.IsNullOrWhiteSpace(InvitationBody);

    /// <summary>One form per language of the public pages, holding <paramref name="overrides"/> where the site has them.</summary>
    public static List<SiteLanguageForm> ForEveryLanguage(IEnumerable<PublicSiteText> overrides)
    {
        var byLanguage = overrides.ToDictionary(o => o.Language, StringComparer.OrdinalIgnoreCase);
        return PublicLanguages.All.Select(language => byLanguage.TryGetValue(language.Code, out var own)
            ? new SiteLanguageForm { Language = language.Code, Title = own.Title, Notice = own.Notice, InvitationSubject = own.InvitationSubject, InvitationBody = own.InvitationBody }
            : new SiteLanguageForm { Language = language.Code }).ToList();
    }
}
