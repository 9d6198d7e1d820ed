namespace BlazorKeyPortal.Features.GenerateKey;

/// <summary>How a short key is shown to be read aloud.</summary>
public static class ShortKeyFormat
{
    /// <summary><c>2960564</c> as <c>296 0564</c>: three then four characters.</summary>
    public static string Grouped(string shortKey) => shortKey.Length == 7 ? $"{shortKey[..3]} {shortKey[3..]}" : shortKey;
}
