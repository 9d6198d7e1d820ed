using System.Globalization;

namespace BlazorKeyPortal.Features.Administration;

/// <summary>Durations in seconds as people read them, so a timeout field echoes what it means ("24 hours").</summary>
public static class DurationText
{
    private static readonly (int Seconds, string One, string Many)[] Units =
    [
        (86_400, "day", "days"),
        (3_600, "hour", "hours"),
        (60, "minute", "minutes"),
        (1, "second", "seconds"),
    ];

    /// <summary>
    /// In the largest unit that divides <paramref name="seconds"/> exactly ("7 days", "90 minutes"), except that a
    /// single day reads as "24 hours", the way key lifetimes are usually spoken of.
    /// </summary>
    public static string Describe(int seconds)
    {
        if (seconds == 0) return "0 seconds";
        if (seconds == 86_400) return "24 hours";
        var (size, one, many) = Units.First(u => seconds % u.Seconds == 0);
        var count = seconds / size;
        return string.Create(CultureInfo.InvariantCulture, $"{count} {(Math.Abs(count) == 1 ? one : many)}");
    }
}
