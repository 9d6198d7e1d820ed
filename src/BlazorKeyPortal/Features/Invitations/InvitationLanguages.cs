namespace BlazorKeyPortal.Features.Invitations;

/// <summary>A language an invitation can be written in: its code and its name as its speakers write it.</summary>
public sealed record InvitationLanguage(string Code, string Name);

/// <summary>The languages the result card offers for the invitation email.</summary>
public static class InvitationLanguages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<InvitationLanguage> All =
    [
        new("en", "English"),
        new("de", "Deutsch"),
        new("fr", "Français"),
        new("es", "Español"),
        new("nl", "Nederlands"),
        new("ja", "日本語"),
    ];

    public static bool IsKnown(string? code) => All.Any(l => string.Equals(l.Code, code, StringComparison.Ordinal));
}
