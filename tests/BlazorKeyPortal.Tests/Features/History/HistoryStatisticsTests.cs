using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.History;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class HistoryStatisticsTests(HistoryDataset history) : IClassFixture<HistoryDataset>
{
    [Fact]
    public async Task The_shares_count_how_the_matching_keys_ended()
    {
        var result = await history.Get<HistoryStatistics>().GetAsync(new HistoryFilter());

        result.Shares.ShouldBe(new StateShares(Total: 9, Redeemed: 2, ExpiredUnused: 4, Revoked: 1));
        result.Shares.Active.ShouldBe(2);
    }

    [Fact]
    public async Task Keys_issued_per_day_are_counted_per_site_over_the_last_days_of_the_range()
    {
        var result = await history.Get<HistoryStatistics>().GetAsync(new HistoryFilter());

        result.Days.Count.ShouldBe(HistoryStatistics.MaxDays);
        result.Days[0].ShouldBe(new DateOnly(2026, 10, 31));
        result.Days[^1].ShouldBe(new DateOnly(2026, 11, 30));
        var support = result.IssuedPerDay.Single(s => s.Site == "Support").Counts;
        var remote = result.IssuedPerDay.Single(s => s.Site == "Remote").Counts;
        support[Index(result, 1)].ShouldBe(1);   // 1000001
        remote[Index(result, 1)].ShouldBe(1);    // 1000009
        remote[Index(result, 2)].ShouldBe(1);    // 1000002
        support[Index(result, 3)].ShouldBe(1);   // 1000003
        remote[Index(result, 15)].ShouldBe(1);   // 1000008
        support[Index(result, 29)].ShouldBe(1);  // 1000006, one second before midnight
        support[Index(result, 30)].ShouldBe(2);  // 1000004, 1000007
        remote[Index(result, 30)].ShouldBe(1);   // 1000005
        (support.Sum() + remote.Sum()).ShouldBe(9);
    }

    [Fact]
    public async Task The_charts_follow_the_filter()
    {
        var result = await history.Get<HistoryStatistics>().GetAsync(new HistoryFilter { SiteId = 2, IssuedFrom = new DateTime(2026, 11, 2), IssuedTo = new DateTime(2026, 11, 20) });

        result.Days.Count.ShouldBe(19);
        result.IssuedPerDay.Select(s => s.Site).ShouldBe(["Remote"]);
        result.IssuedPerDay[0].Counts.Sum().ShouldBe(2);
        result.Shares.ShouldBe(new StateShares(Total: 2, Redeemed: 2, ExpiredUnused: 0, Revoked: 0));
    }

    [Fact]
    public async Task The_median_time_to_redemption_is_the_middle_of_the_redeemed_keys()
    {
        // 1000002 was redeemed after 5 minutes, 1000008 after 20: the median of two is their mean.
        var result = await history.Get<HistoryStatistics>().GetAsync(new HistoryFilter());

        result.MedianTimeToRedemption.ShouldBe(TimeSpan.FromMinutes(12.5));
    }

    [Fact]
    public async Task Without_redeemed_keys_there_is_no_median()
    {
        var result = await history.Get<HistoryStatistics>().GetAsync(new HistoryFilter { State = KeyState.Active });

        result.MedianTimeToRedemption.ShouldBeNull();
        result.Shares.ShouldBe(new StateShares(2, 0, 0, 0));
    }

    [Theory]
    [InlineData(new long[] { 7 }, 7.0)]
    [InlineData(new long[] { 9, 1, 5 }, 5.0)]
    [InlineData(new long[] { 10, 1, 2, 30 }, 6.0)]
    [InlineData(new long[] { 4, 4, 4, 100 }, 4.0)]
    [InlineData(new long[] { 1, 1, 3, 3 }, 2.0)]
    public void The_histogram_median_matches_the_median_of_the_samples(long[] seconds, double median)
    {
        var histogram = new SecondsHistogram();
        foreach (var s in seconds) histogram.Add(s);

        histogram.Median().ShouldBe(TimeSpan.FromSeconds(median));
    }

    [Fact]
    public void A_range_that_ends_in_the_future_stops_at_today()
    {
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

        var days = HistoryStatistics.ChartDays(new HistoryFilter { IssuedFrom = new DateTime(2026, 11, 25), IssuedTo = new DateTime(2027, 1, 1) }, now);

        days.ShouldBe([new(2026, 11, 25), new(2026, 11, 26), new(2026, 11, 27), new(2026, 11, 28), new(2026, 11, 29), new(2026, 11, 30)]);
    }

    private static int Index(HistoryStatisticsResult result, int novemberDay) => result.Days.ToList().IndexOf(new DateOnly(2026, 11, novemberDay));
}
