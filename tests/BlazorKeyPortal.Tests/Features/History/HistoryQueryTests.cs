using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.History;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>Filters, sorting and paging against real SQLite.</summary>
public sealed class HistoryQueryTests(HistoryDataset history) : IClassFixture<HistoryDataset>
{
    private HistoryQuery Query => history.Get<HistoryQuery>();

    [Theory]
    [MemberData(nameof(NamedFilters.All), MemberType = typeof(NamedFilters))]
    public async Task A_filter_lists_exactly_the_matching_keys(string filter, string expected)
    {
        var page = await Query.GetPageAsync(NamedFilters.Get(filter), HistorySort.Default, 0, 100);

        page.Rows.Select(r => r.ShortKey).Order().ShouldBe(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [MemberData(nameof(NamedFilters.All), MemberType = typeof(NamedFilters))]
    public async Task The_count_agrees_with_the_filter(string filter, string expected)
    {
        var count = await Query.CountAsync(NamedFilters.Get(filter));

        count.ShouldBe(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public static TheoryData<string, HistorySortField, bool> FiltersAndOrders()
    {
        var data = new TheoryData<string, HistorySortField, bool>();
        foreach (var filter in NamedFilters.All.Select(row => (string)row[0]))
        {
            foreach (var field in Enum.GetValues<HistorySortField>())
            {
                data.Add(filter, field, field is HistorySortField.IssuedAt or HistorySortField.ExternalKey);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FiltersAndOrders))]
    public async Task Walking_the_orders_index_for_many_matches_returns_the_same_page(string filter, HistorySortField field, bool descending)
    {
        var sort = new HistorySort(field, descending);

        var seeking = await Query.GetPageAsync(NamedFilters.Get(filter), sort, 0, 100);
        var walking = await Query.GetPageAsync(NamedFilters.Get(filter), sort, 0, 100, matching: HistoryQuery.WalkOrderFrom);
        var walkingPastExternalKeys = await Query.GetPageAsync(NamedFilters.Get(filter), sort, 0, 100, matching: HistoryQueryable.ExternalKeySortUpTo + 1);

        walking.Rows.Select(r => r.Id).ShouldBe(seeking.Rows.Select(r => r.Id));
        walkingPastExternalKeys.Rows.Select(r => r.Id).ShouldBe(seeking.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Without_a_filter_the_newest_key_comes_first_and_ties_go_to_the_later_id()
    {
        var page = await Query.GetPageAsync(new HistoryFilter(), HistorySort.Default, 0, 100);

        page.Rows.Select(r => r.ShortKey).ShouldBe(["1000005", "1000004", "1000007", "1000006", "1000008", "1000003", "1000002", "1000009", "1000001"]);
    }

    [Theory]
    [InlineData(HistorySortField.IssuedAt, false)]
    [InlineData(HistorySortField.IssuedAt, true)]
    [InlineData(HistorySortField.ExpiresAt, false)]
    [InlineData(HistorySortField.ExpiresAt, true)]
    [InlineData(HistorySortField.ShortKey, false)]
    [InlineData(HistorySortField.ShortKey, true)]
    [InlineData(HistorySortField.ExternalKey, false)]
    [InlineData(HistorySortField.ExternalKey, true)]
    [InlineData(HistorySortField.IssuedBy, false)]
    [InlineData(HistorySortField.IssuedBy, true)]
    public async Task Sorting_orders_by_the_column_and_breaks_ties_in_issue_order(HistorySortField field, bool descending)
    {
        var page = await Query.GetPageAsync(new HistoryFilter(), new HistorySort(field, descending), 0, 100);

        page.Rows.Select(r => r.Id).ShouldBe(Reference(field, descending).Select(k => k.Id));
    }

    [Theory]
    [InlineData(HistorySortField.IssuedAt, true)]
    [InlineData(HistorySortField.ExternalKey, false)]
    [InlineData(HistorySortField.IssuedBy, true)]
    public async Task Pages_cover_the_history_once_without_overlap(HistorySortField field, bool descending)
    {
        var sort = new HistorySort(field, descending);
        var seen = new List<long>();
        var sizes = new List<int>();
        for (var pageIndex = 0; pageIndex < 5; pageIndex++)
        {
            var page = await Query.GetPageAsync(new HistoryFilter(), sort, pageIndex, 2);
            sizes.Add(page.Rows.Count);
            seen.AddRange(page.Rows.Select(r => r.Id));
        }

        sizes.ShouldBe([2, 2, 2, 2, 1]);
        seen.ShouldBe(Reference(field, descending).Select(k => k.Id));
    }

    [Fact]
    public async Task A_row_carries_its_state_as_of_the_query()
    {
        var page = await Query.GetPageAsync(new HistoryFilter(), HistorySort.Default, 0, 100);

        page.Rows.ToDictionary(r => r.ShortKey, r => r.State).ShouldBe(new Dictionary<string, KeyState>
        {
            ["1000001"] = KeyState.Expired, ["1000002"] = KeyState.Redeemed, ["1000003"] = KeyState.Revoked,
            ["1000004"] = KeyState.Active, ["1000005"] = KeyState.Active, ["1000006"] = KeyState.Expired,
            ["1000007"] = KeyState.Expired, ["1000008"] = KeyState.Redeemed, ["1000009"] = KeyState.Expired,
        }, ignoreOrder: true);
        page.Rows.Single(r => r.ShortKey == "1000002").Issuer.ShouldBe("api:demo-full-access");
        page.Rows.Single(r => r.ShortKey == "1000002").Queue.ShouldBe("team:1");
    }

    [Fact]
    public async Task A_page_larger_than_the_maximum_is_cut_to_the_maximum()
    {
        var page = await Query.GetPageAsync(new HistoryFilter(), HistorySort.Default, 0, HistoryQuery.MaxPageSize * 10);

        page.Rows.Count.ShouldBe(9);
    }

    /// <summary>
    /// The order the database must produce, computed in memory: ordinal comparison (SQLite's BINARY), but the
    /// external key is a NOCASE column; ties go by issue time for the issuer and the external key, then by id.
    /// </summary>
    private IEnumerable<SessionKey> Reference(HistorySortField field, bool descending)
    {
        Func<SessionKey, object?> column = field switch
        {
            HistorySortField.IssuedAt => k => k.IssuedAt,
            HistorySortField.ExpiresAt => k => k.ExpiresAt,
            HistorySortField.ShortKey => k => k.ShortKey,
            HistorySortField.ExternalKey => k => k.ExternalKey,
            _ => k => k.IssuedBy,
        };
        var text = field == HistorySortField.ExternalKey ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var comparer = Comparer<object?>.Create((a, b) => a is string || b is string
            ? text.Compare((string?)a, (string?)b)
            : Comparer<object?>.Default.Compare(a, b));
        Func<SessionKey, object?> then = field is HistorySortField.IssuedBy or HistorySortField.ExternalKey ? k => k.IssuedAt : k => 0;
        return descending
            ? history.Keys.OrderByDescending(column, comparer).ThenByDescending(then, comparer).ThenByDescending(k => k.Id)
            : history.Keys.OrderBy(column, comparer).ThenBy(then, comparer).ThenBy(k => k.Id);
    }
}
