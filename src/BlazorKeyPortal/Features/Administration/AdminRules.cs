using System.Text.RegularExpressions;

namespace BlazorKeyPortal.Features.Administration;

/// <summary>Shapes that several admin forms share.</summary>
public static partial class AdminRules
{
    /// <summary>Code names as the command API uses them: lower-case letters, digits and underscores.</summary>
    public static bool IsCodeName(string? value) => value is { Length: > 0 and <= 100 } && CodeName().IsMatch(value);

    /// <summary>A DNS host name (RFC 1123 labels), lower case, without port or trailing dot.</summary>
    public static bool IsHostname(string? value) => value is { Length: > 0 and <= 253 } && Hostname().IsMatch(value);

    /// <summary>A CSS colour as #RRGGBB.</summary>
    public static bool IsColor(string? value) => value is not null && Color().IsMatch(value);

    /// <summary>Whether <paramref name="pattern"/> compiles as a .NET regular expression, and why not.</summary>
    public static string? RegexError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex CodeName();

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex Hostname();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();
}
