namespace BlazorKeyPortal.Data.Entities;

/// <summary>
/// A site's texts in one language of its public pages. Each field is optional: an empty one falls back to the site's
/// own (<see cref="PublicSite.Title"/>, <see cref="PublicSite.Notice"/>, <see cref="PublicSite.MailSubjectTemplate"/>,
/// <see cref="PublicSite.MailBodyTemplate"/>).
/// </summary>
public sealed class PublicSiteText
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public PublicSite? Site { get; set; }
    /// <summary>A language of the public pages, e.g. <c>de</c>; one row per site and language.</summary>
    public required string Language { get; set; }
    public string? Title { get; set; }
    public string? Notice { get; set; }
    public string? InvitationSubject { get; set; }
    public string? InvitationBody { get; set; }
}
