using BlazorKeyPortal.Features.SessionKeys;
using System.Globalization;

namespace BlazorKeyPortal.Features.History;

/// <summary>How the history pages write times and durations: UTC, to the second, the same for every reader.</summary>
public static class HistoryFormat
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "";

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
        : span.TotalHours < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");

    public static MudBlazor.Color StateColor(KeyState state) => state switch
    {
        KeyState.Active => MudBlazor.Color.Success,
        KeyState.Redeemed => MudBlazor.Color.Info,
        KeyState.Revoked => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
