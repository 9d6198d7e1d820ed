using System.Globalization;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// How many keys match a filter: exact, or, where an exact count would read too many rows, a lower bound (the bound
/// counted to + 1: <see cref="HistoryQuery.ExactCountUpTo"/> + 1, or 50,001 for an external key prefix alone) that the
/// grid shows as "more than 10,000".
/// </summary>
public readonly record struct HistoryCount(int Value, bool IsLowerBound)
{
    /// <summary>The part of the filter whose index the count sought; a page of few matches seeks it too.</summary>
    public HistoryFilterPart? Seek { get; init; }

    /// <summary>What the grid's pager shows after the range of the page: "1,234" or "more than 10,000".</summary>
    public string Total => IsLowerBound
        ? string.Create(CultureInfo.InvariantCulture, $"more than {Value - 1:N0}")
        : Value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1–25 of 1,234" or "1–25 of more than 10,000" for the page that starts at row <paramref name="first"/> (zero-based).</summary>
    public string Describe(int first, int rows) => Value == 0
        ? "0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{first + 1:N0}–{Math.Min(first + rows, Value):N0} of {Total}");

    /// <summary>The pager's format (MudBlazor fills in the page's first and last item).</summary>
    public string PagerFormat => IsLowerBound ? "{first_item}–{last_item} of " + Total : "{first_item}–{last_item} of {all_items}";
}
