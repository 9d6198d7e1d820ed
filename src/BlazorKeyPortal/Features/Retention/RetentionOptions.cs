using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Features.Retention;

/// <summary>How long the portal keeps what grows without bound. Section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Session keys (and the ended support sessions they opened) are deleted this many days after they were issued; their
    /// audit entries stay. A key whose support session is still waiting or active stays until the session ends.
    /// Defaults to none: keys are kept for ever.
    /// </summary>
    [Range(1, 36_500, ErrorMessage = "Retention:KeyDays must be between 1 and 36500 days, or left out to keep keys for ever.")]
    public int? KeyDays { get; set; }
}
