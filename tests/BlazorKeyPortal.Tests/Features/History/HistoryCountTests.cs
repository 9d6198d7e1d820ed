using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The grid's count: exact where one index answers it, "more than 10,000" where that would read every row.</summary>
public sealed class HistoryCountTests(HistoryDataset history) : IClassFixture<HistoryDataset>
{
    private HistoryQuery Query => history.Get<HistoryQuery>();

    [Fact]
    public void A_bounded_count_reads_as_more_than_the_bound()
    {
        var count = new HistoryCount(HistoryQuery.ExactCountUpTo + 1, IsLowerBound: true);

        count.Describe(0, 25).ShouldBe("1–25 of more than 10,000");
        count.Describe(9_975, 25).ShouldBe("9,976–10,000 of more than 10,000");
        count.PagerFormat.ShouldBe("{first_item}–{last_item} of more than 10,000");
    }

    [Fact]
    public void An_exact_count_reads_as_the_number()
    {
        var count = new HistoryCount(1_234, IsLowerBound: false);

        count.Describe(1_225, 25).ShouldBe("1,226–1,234 of 1,234");
        count.PagerFormat.ShouldBe("{first_item}–{last_item} of {all_items}");
        new HistoryCount(0, false).Describe(0, 25).ShouldBe("0 of 0");
    }

    [Fact]
    public void Matches_among_the_candidates_read_are_shown_as_at_least_that_many()
    {
        var count = new HistoryCount(3_412, IsLowerBound: true);

        count.Describe(0, 25).ShouldBe("1–25 of at least 3,412");
        new HistoryCount(HistoryQueryable.ExternalKeySortUpTo + 1, IsLowerBound: true).Total.ShouldBe("more than 50,000");
    }

    [Fact]
    public async Task A_filter_on_two_columns_is_counted_exactly_when_every_candidate_row_was_read()
    {
        var pair = history.Keys.GroupBy(k => (k.SiteId, k.IssuedBy)).OrderByDescending(g => g.Count()).First();
        var filter = new HistoryFilter { SiteId = pair.Key.SiteId, Issuer = pair.Key.IssuedBy };

        var count = await Query.CountUpToAsync(filter, upTo: 1);

        (count.Value, count.IsLowerBound).ShouldBe((pair.Count(), false));
    }

    [Fact]
    public async Task A_column_with_a_state_is_counted_exactly_past_the_bound_when_every_candidate_entry_was_read()
    {
        var site = history.Keys.GroupBy(k => k.SiteId).OrderByDescending(g => g.Count()).First();
        var filter = new HistoryFilter { SiteId = site.Key, State = KeyState.Expired };
        var expired = site.Count(k => k.RedeemedAt is null && k.RevokedAt is null && k.ExpiresAt <= history.Clock.GetUtcNow());
        expired.ShouldBeGreaterThan(1);

        var bounded = await Query.CountUpToAsync(filter, upTo: expired - 1);
        var exact = await Query.CountUpToAsync(filter, upTo: expired);

        (bounded.Value, bounded.IsLowerBound).ShouldBe((expired, false));
        (exact.Value, exact.IsLowerBound).ShouldBe((expired, false));
        bounded.Seek.ShouldBe(HistoryFilterPart.Site);
    }

    [Theory]
    [MemberData(nameof(NamedFilters.All), MemberType = typeof(NamedFilters))]
    public async Task The_grid_s_count_and_the_page_that_seeks_its_part_list_exactly_the_matching_keys(string filter, string expected)
    {
        var count = await Query.CountUpToAsync(NamedFilters.Get(filter));
        var page = await Query.GetPageAsync(NamedFilters.Get(filter), HistorySort.Default, 0, 100, count.Value, count.Seek);

        var keys = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        count.ShouldBe(new HistoryCount(keys.Length, IsLowerBound: false) { Seek = count.Seek });
        page.Rows.Select(r => r.ShortKey).Order().ShouldBe(keys);
    }

    [Fact]
    public async Task A_filter_of_several_columns_seeks_the_one_that_alone_matches_fewest_keys()
    {
        var busiestSite = history.Keys.GroupBy(k => k.SiteId).OrderByDescending(g => g.Count()).First();
        var rarestIssuer = busiestSite.GroupBy(k => k.IssuedBy).OrderBy(g => history.Keys.Count(k => k.IssuedBy == g.Key)).First().Key;

        var count = await Query.CountUpToAsync(new HistoryFilter { SiteId = busiestSite.Key, Issuer = rarestIssuer });

        count.Seek.ShouldBe(history.Keys.Count(k => k.IssuedBy == rarestIssuer) <= busiestSite.Count() ? HistoryFilterPart.Issuer : HistoryFilterPart.Site);
        count.Value.ShouldBe(busiestSite.Count(k => k.IssuedBy == rarestIssuer));
    }

    [Fact]
    public async Task A_filter_that_one_index_answers_is_counted_exactly_past_the_bound()
    {
        var count = await Query.CountUpToAsync(new HistoryFilter(), upTo: 2);

        (count.Value, count.IsLowerBound).ShouldBe((history.Keys.Count, false));
    }
}
