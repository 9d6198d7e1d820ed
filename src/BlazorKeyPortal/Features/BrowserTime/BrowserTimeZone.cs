using Microsoft.JSInterop;

namespace BlazorKeyPortal.Features.BrowserTime;

/// <summary>
/// The time zone of the browser on the other end of this circuit (scoped: one per circuit), asked once over JS
/// interop from the browser's own <c>Intl</c> API. Until it is known (prerendering), times show in UTC.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private Task<TimeZoneInfo>? _zone;

    /// <summary>The zone once known; null before the first interactive render.</summary>
    public TimeZoneInfo? Known { get; private set; }

    /// <summary>Asks the browser (once) and returns its zone; UTC when the browser names a zone this server does not know.</summary>
    public Task<TimeZoneInfo> GetAsync() => _zone ??= AskAsync();

    private async Task<TimeZoneInfo> AskAsync()
    {
        string? id = null;
        try
        {
            await using var format = await js.InvokeAsync<IJSObjectReference?>("Intl.DateTimeFormat");
            if (format is not null) id = (await format.InvokeAsync<ResolvedOptions?>("resolvedOptions"))?.TimeZone;
        }
        catch (JSException)
        {
            // A browser without Intl time zones: UTC, clearly labelled, is still correct.
        }
        Known = id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
        return Known;
    }

    private sealed record ResolvedOptions(string? TimeZone);
}
