using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Administration.Settings;

public sealed class SettingsPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_timeout_is_echoed_in_words_and_each_alphabet_states_its_entropy()
    {
        await using var admin = await AdminComponentContext.CreateAsync(portal);

        var cut = admin.Render<SettingsPage>();

        cut.Field("Maximum session key timeout (seconds)").TextContent.ShouldContain("24 hours");
        cut.Markup.ShouldContain("10<sup>7</sup> = 10,000,000 keys");
        cut.Markup.ShouldContain("32<sup>7</sup> = 34,359,738,368 keys");
        await cut.Input("Maximum session key timeout (seconds)").InputAsync(new() { Value = "5400" });
        cut.WaitForAssertion(() => cut.Field("Maximum session key timeout (seconds)").TextContent.ShouldContain("90 minutes"));
    }

    [Fact]
    public async Task A_timeout_below_a_sites_maximum_is_refused_beside_the_field_and_kept()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var remote = SiteForm.From((await ownPortal.Get<PortalCatalog>().GetAsync()).SiteById[2]);
        remote.MaxTtlSeconds = 7200;
        (await ownPortal.Get<SiteAdministration>().SaveAsync("user:admin", remote)).Succeeded.ShouldBeTrue();
        var cut = admin.Render<SettingsPage>();

        await cut.Input("Maximum session key timeout (seconds)").InputAsync(new() { Value = "3600" });
        await cut.Button("Save settings").ClickAsync(new());

        const string Refusal = "Site 'Remote' allows keys of 7200 seconds; lower its maximum first.";
        cut.WaitForAssertion(() => cut.Field("Maximum session key timeout (seconds)").TextContent.ShouldContain(Refusal));
        cut.Find("[data-testid=refused]").TextContent.ShouldContain(Refusal);
        cut.Input("Maximum session key timeout (seconds)").GetAttribute("value").ShouldBe("3600");
        (await ownPortal.Get<PortalCatalog>().GetAsync()).Settings.MaxSessionKeyTimeoutSeconds.ShouldBe(86_400);
    }

    [Fact]
    public async Task Choosing_digits_and_letters_saves_the_alphabet()
    {
        await using var ownPortal = new PortalFactory();
        await using var admin = await AdminComponentContext.CreateAsync(ownPortal);
        var cut = admin.Render<SettingsPage>();

        var radio = cut.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Contains("without look-alikes", StringComparison.Ordinal));
        await radio.ClickAsync(new());
        await cut.Button("Save settings").ClickAsync(new());

        (await ownPortal.Get<PortalCatalog>().GetAsync()).Settings.ShortKeyAlphabet.ShouldBe(ShortKeyAlphabet.DigitsAndLetters);
        cut.FindAll("[data-testid=refused]").ShouldBeEmpty();
    }
}
