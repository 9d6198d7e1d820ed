using BlazorKeyPortal.Features.History;

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
    public async Task A_filter_on_two_columns_that_matches_more_than_the_bound_is_counted_up_to_it()
    {
        var pair = history.Keys.GroupBy(k => (k.SiteId, k.IssuedBy)).OrderByDescending(g => g.Count()).First();
        pair.Count().ShouldBeGreaterThan(1);
        var filter = new HistoryFilter { SiteId = pair.Key.SiteId, Issuer = pair.Key.IssuedBy };

        var bounded = await Query.CountUpToAsync(filter, upTo: pair.Count() - 1);
        var exact = await Query.CountUpToAsync(filter, upTo: pair.Count());

        bounded.ShouldBe(new HistoryCount(pair.Count(), IsLowerBound: true));
        exact.ShouldBe(new HistoryCount(pair.Count(), IsLowerBound: false));
    }

    [Fact]
    public async Task A_filter_that_one_index_answers_is_counted_exactly_past_the_bound()
    {
        var count = await Query.CountUpToAsync(new HistoryFilter(), upTo: 2);

        count.ShouldBe(new HistoryCount(history.Keys.Count, IsLowerBound: false));
    }
}
