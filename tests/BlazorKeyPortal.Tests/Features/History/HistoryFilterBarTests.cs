using BlazorKeyPortal.Features.SessionKeys;
using AngleSharp.Dom;
using Bunit;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class HistoryFilterBarTests : ComponentTestContext
{
    private readonly List<HistoryFilter> _applied = [];

    public HistoryFilterBarTests() => Services.AddSingleton<IValidator<HistoryFilter>, HistoryFilterValidator>();

    [Fact]
    public void The_bar_offers_every_filter_of_the_history_by_its_label()
    {
        var cut = RenderBar(new HistoryFilter());

        cut.FindAll("label").Select(l => l.TextContent.Trim()).ShouldBe(
            ["Issued from (UTC)", "Issued to (UTC)", "Site", "State", "Queue", "Team", "Issuer", "External key", "Short key"], ignoreOrder: true);
        cut.FindAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Apply filter");
    }

    [Fact]
    public void Applying_hands_the_typed_values_to_the_page()
    {
        var cut = RenderBar(new HistoryFilter { SiteId = 2 });

        InputLabelled(cut, "External key").Change("INC00");
        InputLabelled(cut, "Short key").Change("1234567");
        InputLabelled(cut, "Issuer").Change("api:demo-full-access");
        ButtonNamed(cut, "Apply filter").Click();

        // The button's handler validates asynchronously before it hands the filter on.
        cut.WaitForAssertion(() => _applied.ShouldHaveSingleItem()
            .ShouldBe(new HistoryFilter { SiteId = 2, ExternalKey = "INC00", ShortKey = "1234567", Issuer = "api:demo-full-access" }), WaitTimeout);
    }

    [Fact]
    public void A_site_state_queue_and_team_chosen_are_in_the_filter_the_next_click_applies()
    {
        var cut = RenderBar(new HistoryFilter());

        InputLabelled(cut, "Site").Change("2");
        InputLabelled(cut, "State").Change(nameof(KeyState.Revoked));
        InputLabelled(cut, "Queue").Change("team:1");
        InputLabelled(cut, "Team").Change("1");
        ButtonNamed(cut, "Apply filter").Click();

        cut.WaitForAssertion(() => _applied.ShouldHaveSingleItem()
            .ShouldBe(new HistoryFilter { SiteId = 2, State = KeyState.Revoked, Queue = "team:1", TeamId = 1 }), WaitTimeout);
    }

    [Fact]
    public void An_invalid_value_is_explained_and_nothing_is_applied()
    {
        var cut = RenderBar(new HistoryFilter());

        InputLabelled(cut, "Short key").Change("12");
        ButtonNamed(cut, "Apply filter").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain("A short key is seven digits or letters."), WaitTimeout);
        _applied.ShouldBeEmpty();
    }

    [Fact]
    public void Clearing_applies_an_empty_filter()
    {
        var cut = RenderBar(new HistoryFilter { State = KeyState.Revoked, ExternalKey = "INC" });

        ButtonNamed(cut, "Clear filter").Click();

        cut.WaitForAssertion(() => _applied.ShouldHaveSingleItem().ShouldBe(new HistoryFilter()), WaitTimeout);
    }

    private IRenderedComponent<HistoryFilterBar> RenderBar(HistoryFilter filter)
    {
        Render<MudPopoverProvider>();
        return Render<HistoryFilterBar>(p => p
            .Add(b => b.Catalog, TestCatalog.Seeded())
            .Add(b => b.Filter, filter)
            .Add(b => b.FilterChanged, f => _applied.Add(f)));
    }

    private static IElement InputLabelled(IRenderedComponent<HistoryFilterBar> cut, string label)
    {
        var id = cut.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{id}");
    }

    private static IElement ButtonNamed(IRenderedComponent<HistoryFilterBar> cut, string name) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == name);
}
