using Bunit;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The charts read at any range: few date labels, and every number in a table as well.</summary>
public sealed class HistoryChartsTests : ComponentTestContext
{
    [Fact]
    public void Thirty_one_days_are_labelled_at_most_eight_times_and_the_last_day_always()
    {
        var days = Enumerable.Range(0, 31).Select(i => new DateOnly(2026, 10, 31).AddDays(i)).ToArray();

        var labels = HistoryCharts.DayLabels(days);

        labels.Length.ShouldBe(31);
        labels.Count(l => l.Length > 0).ShouldBeLessThanOrEqualTo(HistoryCharts.MaxDayLabels);
        labels[^1].ShouldBe("11-30");
    }

    [Fact]
    public void A_week_keeps_every_label()
    {
        var days = Enumerable.Range(0, 7).Select(i => new DateOnly(2026, 11, 24).AddDays(i)).ToArray();

        HistoryCharts.DayLabels(days).ShouldAllBe(l => l.Length == 5);
    }

    [Fact]
    public void A_chart_s_table_has_a_caption_and_headers_for_its_columns_and_rows()
    {
        var cut = Render<ChartDataTable>(p => p
            .Add(t => t.Summary, "Keys issued per day as a table")
            .Add(t => t.Caption, "Keys issued per day (UTC) by site")
            .Add(t => t.RowHeader, "Day")
            .Add(t => t.Columns, ["Main", "Remote"])
            .Add(t => t.Rows, [("2026-11-30", (IReadOnlyList<int>)[1200, 3])]));

        cut.Find("summary").TextContent.ShouldBe("Keys issued per day as a table");
        cut.Find("caption").TextContent.ShouldBe("Keys issued per day (UTC) by site");
        cut.FindAll("th[scope=col]").Select(th => th.TextContent).ShouldBe(["Day", "Main", "Remote"]);
        cut.Find("tbody th[scope=row]").TextContent.ShouldBe("2026-11-30");
        cut.FindAll("tbody td").Select(td => td.TextContent).ShouldBe(["1,200", "3"]);
    }
}
