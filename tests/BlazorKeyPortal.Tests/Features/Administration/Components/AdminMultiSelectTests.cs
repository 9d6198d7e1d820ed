using BlazorKeyPortal.Features.Administration.Components;
using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Features.Administration.Components;

public sealed class AdminMultiSelectTests
{
    private static readonly IReadOnlyList<(int Value, string Text)> Teams = [(1, "Tier 1 Support (team:1)"), (2, "After-hours Queue (team:2)")];

    [Fact]
    public async Task The_field_shows_every_pick_at_once_in_the_order_of_the_options()
    {
        // Arrange
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var popovers = ctx.Render<MudPopoverProvider>();
        var selected = new HashSet<int>();
        var cut = ctx.Render<AdminMultiSelect<int>>(p => p
            .Add(s => s.Label, "Teams allowed")
            .Add(s => s.Options, Teams)
            .Add(s => s.Selected, selected));

        // Act + Assert: the first pick shows at once, not only after the next one
        await PickAsync(cut, popovers, "After-hours Queue (team:2)");
        cut.WaitForAssertion(() => Combobox(cut).GetAttribute("value").ShouldBe("After-hours Queue (team:2)"));
        selected.ShouldBe([2]);

        await PickAsync(cut, popovers, "Tier 1 Support (team:1)");
        cut.WaitForAssertion(() => Combobox(cut).GetAttribute("value").ShouldBe("Tier 1 Support (team:1), After-hours Queue (team:2)"));
        selected.ShouldBe([1, 2], ignoreOrder: true);
    }

    [Fact]
    public async Task The_field_shows_what_the_form_already_holds()
    {
        // Arrange
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Render<MudPopoverProvider>();

        // Act
        var cut = ctx.Render<AdminMultiSelect<int>>(p => p
            .Add(s => s.Label, "Teams allowed")
            .Add(s => s.Options, Teams)
            .Add(s => s.Selected, [2, 1]));

        // Assert
        cut.WaitForAssertion(() => Combobox(cut).GetAttribute("value").ShouldBe("Tier 1 Support (team:1), After-hours Queue (team:2)"));
    }

    private static AngleSharp.Dom.IElement Combobox(IRenderedComponent<AdminMultiSelect<int>> cut) => cut.Find("input[role=combobox]");

    private static async Task PickAsync(IRenderedComponent<AdminMultiSelect<int>> cut, IRenderedComponent<MudPopoverProvider> popovers, string item)
    {
        if (popovers.FindAll(".mud-list-item").Count == 0)
        {
            await Combobox(cut).Closest(".mud-input-control")!.MouseDownAsync(new());
        }
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").ShouldContain(i => i.TextContent.Trim() == item));
        await popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == item).ClickAsync(new());
    }
}
