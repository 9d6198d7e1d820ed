using System.Globalization;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>A site's colours, made safe to put into a stylesheet and readable on each other.</summary>
public static partial class SiteLook
{
    public const string DefaultColor = "#1565c0";

    /// <summary>The site's colour when it is a #rgb or #rrggbb value, else the default: nothing else reaches the stylesheet.</summary>
    public static string Color(SiteInfo site) => HexColor().IsMatch(site.Color) ? site.Color : DefaultColor;

    /// <summary>Black or white, whichever contrasts more with <paramref name="color"/> (WCAG relative luminance).</summary>
    public static string Ink(string color)
    {
        var hex = color.Length == 4 ? string.Concat(color[1..].Select(c => $"{c}{c}")) : color[1..];
        double Channel(int offset)
        {
            var value = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(0) + 0.7152 * Channel(2) + 0.0722 * Channel(4);
        return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? "#ffffff" : "#000000";
    }

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
