using System.Text.RegularExpressions;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>
/// ADR-009: the Generate page renders statically and runs only its form and the app bar's switch on the circuit, so
/// that an idle page holds little server memory. Prerendered interactive parts sit between Blazor's server markers.
/// </summary>
public sealed partial class GenerateKeyPageRenderingTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    [Fact]
    public async Task Only_the_form_and_the_availability_switch_are_interactive_on_the_Generate_page()
    {
        var page = await portal.NewBrowser().SignInAsync("agent", path: "/keys/new");

        var islands = Islands(page.Html);

        islands.Count.ShouldBe(2);
        islands.ShouldContain(island => island.Contains("Generate session key", StringComparison.Ordinal));
        islands.ShouldContain(island => island.Contains("availability-switch", StringComparison.Ordinal));
        page.Html.ShouldContain("id=\"portal-navigation\"");
        islands.ShouldAllBe(island => !island.Contains("id=\"portal-navigation\"", StringComparison.Ordinal));
        islands.ShouldAllBe(island => !island.Contains("<h1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_portal_pages_stay_interactive_as_a_whole()
    {
        var browser = portal.NewBrowser();
        await browser.SignInAsync("agent", path: "/keys/new");

        var page = await browser.GetAsync("/keys");

        Islands(page.Html).ShouldContain(island => island.Contains("id=\"portal-navigation\"", StringComparison.Ordinal) && island.Contains("<h1", StringComparison.Ordinal));
    }

    /// <summary>The prerendered HTML of each interactive server root on the page.</summary>
    private static List<string> Islands(string html) =>
        StartMarker().Matches(html).Select(start =>
        {
            var end = html.IndexOf($"<!--Blazor:{{\"prerenderId\":\"{start.Groups[1].Value}\"}}-->", start.Index, StringComparison.Ordinal);
            end.ShouldBeGreaterThan(start.Index, "every prerendered root has an end marker");
            return html[start.Index..end];
        }).ToList();

    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\",\"prerenderId\":\"([0-9a-f]+)\"")]
    private static partial Regex StartMarker();
}
