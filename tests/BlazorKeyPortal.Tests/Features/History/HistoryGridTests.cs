using BlazorKeyPortal.Features.SessionKeys;
using Bunit;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The grid against the <see cref="HistoryDataset"/>: pages and sorts come from the server.</summary>
public sealed class HistoryGridTests : ComponentTestContext, IClassFixture<HistoryDataset>
{
    private readonly List<HistorySort> _sorts = [];

    public HistoryGridTests(HistoryDataset history) => Services.AddSingleton(history.Get<HistoryQuery>());

    [Fact]
    public void The_grid_shows_the_newest_keys_first_with_their_state_site_and_issuer()
    {
        var cut = RenderGrid(new HistoryFilter());

        cut.WaitForAssertion(() => ShortKeys(cut).ShouldBe(["1000005", "1000004", "1000007", "1000006", "1000008", "1000003", "1000002", "1000009", "1000001"]), WaitTimeout);
        var first = cut.FindAll("tbody tr")[0].TextContent;
        first.ShouldContain("Active");
        first.ShouldContain("Remote");
        first.ShouldContain("api:demo-full-access");
        first.ShouldContain("embassy:1");
        cut.Find("tbody tr a").GetAttribute("href").ShouldStartWith("history/");
    }

    [Fact]
    public void The_grid_shows_only_the_keys_of_its_filter()
    {
        var cut = RenderGrid(new HistoryFilter { State = KeyState.Redeemed });

        cut.WaitForAssertion(() => ShortKeys(cut).ShouldBe(["1000008", "1000002"]), WaitTimeout);
    }

    [Fact]
    public void A_new_filter_from_the_page_reloads_the_rows_and_the_count_without_a_further_call()
    {
        var cut = RenderGrid(new HistoryFilter());
        cut.WaitForAssertion(() => ShortKeys(cut).Count.ShouldBe(9), WaitTimeout);

        cut.Render(p => p.Add(g => g.Filter, new HistoryFilter { State = KeyState.Redeemed }));

        cut.WaitForAssertion(() => ShortKeys(cut).ShouldBe(["1000008", "1000002"]), WaitTimeout);
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("1–2 of 2"), WaitTimeout);
    }

    [Fact]
    public void Sorting_by_a_column_asks_the_server_and_reports_the_order()
    {
        var cut = RenderGrid(new HistoryFilter());
        cut.WaitForAssertion(() => ShortKeys(cut).Count.ShouldBe(9), WaitTimeout);

        cut.FindAll("th").Single(th => th.TextContent.Contains("Short key", StringComparison.Ordinal))
            .QuerySelector(".sortable-column-header")!.Click();

        cut.WaitForAssertion(() => ShortKeys(cut)[0].ShouldBe("1000001"), WaitTimeout);
        _sorts.ShouldBe([new HistorySort(HistorySortField.ShortKey, Descending: false)]);
    }

    private IRenderedComponent<HistoryGrid> RenderGrid(HistoryFilter filter)
    {
        Render<MudPopoverProvider>();
        return Render<HistoryGrid>(p => p
            .Add(g => g.Catalog, TestCatalog.Seeded())
            .Add(g => g.Filter, filter)
            .Add(g => g.SortChanged, s => _sorts.Add(s)));
    }

    private static List<string> ShortKeys(IRenderedComponent<HistoryGrid> cut) =>
        cut.FindAll("tbody tr a").Select(a => a.TextContent.Trim()).ToList();
}
