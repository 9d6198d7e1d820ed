using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>The time to live: presets, the maximum, custom minutes, and whatever a ticket's link said.</summary>
public sealed class TtlFieldTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const int OneDay = 86_400;

    [Theory]
    [InlineData(null, "max", "Maximum (1 day)")]
    [InlineData("3600", "3600", "1 hour")]
    [InlineData("90", "90", "1 minute 30 seconds")]
    [InlineData("soon", "soon", "soon (not a time to live)")]
    public async Task A_ttl_from_a_link_is_shown_as_the_option_that_sends_it_unchanged(string? ttl, string selected, string shown)
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Ttl = ttl };

        var cut = Render(context, model);

        cut.Find("#ttl").GetAttribute("value").ShouldBe(selected);
        cut.Find($"#ttl option[value='{selected}']").TextContent.ShouldBe(shown);
        model.Ttl.ShouldBe(ttl);
    }

    [Fact]
    public async Task A_whole_number_of_minutes_that_is_no_preset_shows_as_custom_minutes()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Ttl = "2700" };

        var cut = Render(context, model);

        cut.Find("#ttl").GetAttribute("value").ShouldBe("custom");
        cut.Find("#ttl-minutes").GetAttribute("value").ShouldBe("45");
    }

    [Fact]
    public async Task Custom_starts_from_the_chosen_time_in_minutes_and_sends_what_is_typed_in_seconds()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel();
        var cut = Render(context, model);

        await cut.Find("#ttl").ChangeAsync(new ChangeEventArgs { Value = "7200" });
        await cut.Find("#ttl").ChangeAsync(new ChangeEventArgs { Value = "custom" });
        cut.Find("#ttl-minutes").GetAttribute("value").ShouldBe("120");
        model.Ttl.ShouldBe("7200");

        await cut.Find("#ttl-minutes").ChangeAsync(new ChangeEventArgs { Value = "25" });
        model.Ttl.ShouldBe("1500");

        await cut.Find("#ttl-minutes").ChangeAsync(new ChangeEventArgs { Value = "" });
        model.Ttl.ShouldBeNull();
        cut.Find("#ttl-minutes-description").TextContent.ShouldBe("Whole minutes, at most 1440; empty means the maximum");
    }

    [Theory]
    [InlineData(59, "59 seconds")]
    [InlineData(90, "1 minute 30 seconds")]
    [InlineData(900, "15 minutes")]
    [InlineData(93_600, "1 day 2 hours")]
    public void Durations_read_exactly(int seconds, string text) => KeyFormChoices.Duration(seconds).ShouldBe(text);

    private static IRenderedComponent<TtlField> Render(BunitContext context, KeyFormModel model) =>
        context.Render<TtlField>(parameters => parameters.Add(p => p.Model, model).Add(p => p.Maximum, OneDay));
}
