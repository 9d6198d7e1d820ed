using BlazorKeyPortal.Features.SessionKeys;
using System.Globalization;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// A filter and an order as URL query parameters: the page builds the "Export CSV" link with it and the export
/// endpoint reads it back, so the download always holds what the grid shows.
/// </summary>
public static class HistoryQueryString
{
    public static string Format(HistoryFilter filter, HistorySort sort)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parameters.Add(new(name, value.Trim()));
        }
        Add("from", filter.IssuedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.IssuedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("issuer", filter.Issuer);
        Add("queue", filter.Queue);
        Add("team", filter.TeamId?.ToString(CultureInfo.InvariantCulture));
        Add("site", filter.SiteId?.ToString(CultureInfo.InvariantCulture));
        Add("state", filter.State?.ToString().ToLowerInvariant());
        Add("external_key", filter.ExternalKey);
        Add("short_key", filter.ShortKey);
        if (sort != HistorySort.Default)
        {
            Add("sort", SnakeCase(sort.Field));
            Add("dir", sort.Descending ? "desc" : "asc");
        }
        return QueryString.Create(parameters).ToUriComponent();
    }

    /// <summary>The filter and order in <paramref name="query"/>, or the first parameter that cannot be read.</summary>
    public static (HistoryFilter Filter, HistorySort Sort, string? Error) Parse(IQueryCollection query)
    {
        var filter = new HistoryFilter();
        string? error = null;

        filter.IssuedFrom = Date("from");
        filter.IssuedTo = Date("to");
        filter.Issuer = Text("issuer");
        filter.Queue = Text("queue");
        filter.TeamId = Number("team");
        filter.SiteId = Number("site");
        filter.State = Enum<KeyState>("state");
        filter.ExternalKey = Text("external_key");
        filter.ShortKey = Text("short_key");
        var field = Enum<HistorySortField>("sort", snake: true) ?? HistorySortField.IssuedAt;
        var direction = Text("dir");
        if (direction is not (null or "asc" or "desc")) error ??= "dir must be asc or desc.";
        return (filter, new HistorySort(field, direction != "asc"), error);

        string? Text(string name) => query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

        DateTime? Date(string name)
        {
            if (Text(name) is not { } text) return null;
            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            error ??= $"{name} must be a date (yyyy-MM-dd).";
            return null;
        }

        int? Number(string name)
        {
            if (Text(name) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
            error ??= $"{name} must be a number.";
            return null;
        }

        T? Enum<T>(string name, bool snake = false) where T : struct, System.Enum
        {
            if (Text(name) is not { } text) return null;
            foreach (var value in System.Enum.GetValues<T>())
            {
                var spelled = snake ? SnakeCase(value) : value.ToString();
                if (string.Equals(spelled, text, StringComparison.OrdinalIgnoreCase)) return value;
            }
            error ??= $"{name} must be one of {string.Join(", ", System.Enum.GetValues<T>().Select(v => snake ? SnakeCase(v) : v.ToString().ToLowerInvariant()))}.";
            return null;
        }
    }

    private static string SnakeCase<T>(T value) where T : struct, System.Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
