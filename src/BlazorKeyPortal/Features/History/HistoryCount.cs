using System.Globalization;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// How many keys match a filter: exact, or, where an exact count would read too many rows, a lower bound: the bound
/// counted to + 1 (<see cref="HistoryQuery.ExactCountUpTo"/> + 1, or 50,001 for an external key prefix alone), shown
/// as "more than 10,000", or the matches among the candidates a filter of several columns read, shown as "at least 1,234".
/// </summary>
public readonly record struct HistoryCount(int Value, bool IsLowerBound)
{
    /// <summary>The part of the filter whose index the count sought; a page of few matches seeks it too.</summary>
    public HistoryFilterPart? Seek { get; init; }

    /// <summary>
    /// The number of matches a page is planned for. Past a bound the count stopped at (and for a prefix whose index
    /// held more candidates than were read), as many as can be: the page then walks its order's index instead of
    /// sorting every entry of an external key prefix (HistoryQueryable.ExternalKeySortUpTo).
    /// </summary>
    public int ForPage => IsLowerBound && (Value > HistoryQuery.ExactCountUpTo || Seek == HistoryFilterPart.ExternalKey) ? int.MaxValue : Value;

    /// <summary>What the grid's pager shows after the range of the page: "1,234" or "more than 10,000".</summary>
    public string Total => !IsLowerBound ? Value.ToString("N0", CultureInfo.InvariantCulture)
        : Value == HistoryQuery.ExactCountUpTo + 1 || Value == HistoryQueryable.ExternalKeySortUpTo + 1 ? string.Create(CultureInfo.InvariantCulture, $"more than {Value - 1:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"at least {Value:N0}");

    /// <summary>"1–25 of 1,234" or "1–25 of more than 10,000" for the page that starts at row <paramref name="first"/> (zero-based).</summary>
    public string Describe(int first, int rows) => Value == 0 && !IsLowerBound
        ? "0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{first + 1:N0}–{Math.Min(first + rows, Value):N0} of {Total}");

    /// <summary>The pager's format (MudBlazor fills in the page's first and last item).</summary>
    public string PagerFormat => IsLowerBound ? "{first_item}–{last_item} of " + Total : "{first_item}–{last_item} of {all_items}";
}
