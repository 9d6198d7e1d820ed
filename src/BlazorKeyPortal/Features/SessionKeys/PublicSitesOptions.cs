using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>How key URLs are formed. Section <c>PublicSites</c>.</summary>
public sealed class PublicSitesOptions
{
    public const string SectionName = "PublicSites";

    /// <summary>The scheme of key URLs for real hostnames. Defaults to <c>https</c>.</summary>
    [RegularExpression("^https?$", ErrorMessage = "PublicSites:Scheme must be 'https' or 'http'.")]
    public string Scheme { get; set; } = "https";
}
