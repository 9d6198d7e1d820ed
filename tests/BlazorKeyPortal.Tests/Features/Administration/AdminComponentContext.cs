using System.Security.Claims;
using AngleSharp.Dom;
using BlazorKeyPortal.Features.Administration;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Features.Administration;

/// <summary>
/// bUnit with MudBlazor, a signed-in administrator and the portal's real administration services on the seeded
/// SQLite database, so the pages are tested against the same validators and writer the back end uses.
/// </summary>
public sealed class AdminComponentContext : IAsyncDisposable
{
    private AdminComponentContext(BunitContext context, IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<MudDialogProvider> dialogs)
    {
        Context = context;
        Popovers = popovers;
        Dialogs = dialogs;
    }

    public BunitContext Context { get; }

    /// <summary>Where open selects list their items.</summary>
    public IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Where open dialogs render.</summary>
    public IRenderedComponent<MudDialogProvider> Dialogs { get; }

    /// <param name="more">Adds what a page needs beyond the shared administration services (before anything renders).</param>
    public static async Task<AdminComponentContext> CreateAsync(PortalFactory portal, KeyAuthorityMode mode = KeyAuthorityMode.Embedded, Action<IServiceCollection>? more = null)
    {
        portal.Started();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddMudServices();
        services.AddSingleton(portal.Get<PortalCatalog>());
        services.AddSingleton(portal.Get<KeyUrlBuilder>());
        services.AddSingleton(portal.Get<BlazorKeyPortal.Features.ReverseProxy.PortalPublicOrigin>());
        services.AddSingleton<TimeProvider>(portal.Clock);
        services.AddSingleton(Options.Create(new KeyAuthorityOptions { Mode = mode }));
        services.AddSingleton(portal.Get<IValidator<SiteForm>>());
        services.AddSingleton(portal.Get<SiteAdministration>());
        services.AddSingleton(portal.Get<BlazorKeyPortal.Features.PublicSites.LocalizedSiteTexts>());
        services.AddSingleton(portal.Get<TeamFormValidator>());
        services.AddSingleton(portal.Get<RepresentativeFormValidator>());
        services.AddSingleton(portal.Get<EmbassyFormValidator>());
        services.AddSingleton(portal.Get<IssueFormValidator>());
        services.AddSingleton(portal.Get<SkillFormValidator>());
        services.AddSingleton(portal.Get<CustomFieldFormValidator>());
        services.AddSingleton(portal.Get<RoutingAdministration>());
        services.AddSingleton(portal.Get<SettingsFormValidator>());
        services.AddSingleton(portal.Get<SettingsAdministration>());
        services.AddSingleton(portal.Get<ApiAccountFormValidator>());
        services.AddSingleton(portal.Get<ApiAccountAdministration>());
        more?.Invoke(services);
        context.AddAuthorization().SetAuthorized("admin")
            .SetClaims(new Claim(AdminActor.UserNameClaim, "admin"), new Claim("role", PortalRoles.Admin))
            .SetRoles(PortalRoles.Admin)
            .SetPolicies(PortalPolicies.Administer);
        var popovers = context.Render<MudPopoverProvider>();
        var dialogs = context.Render<MudDialogProvider>();
        return new AdminComponentContext(context, popovers, dialogs);
    }

    public IRenderedComponent<TPage> Render<TPage>() where TPage : Microsoft.AspNetCore.Components.IComponent => Context.Render<TPage>();

    /// <summary>
    /// Clicks <paramref name="opener"/> and waits for the dialog it opens (the one with a button
    /// <paramref name="button"/>). The click is not awaited: its handler waits for the dialog to close.
    /// </summary>
    public IRenderedComponent<MudDialogProvider> OpenDialog(IElement opener, string button)
    {
        opener.Click();
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").ShouldContain(b => b.TextContent.Trim() == button));
        return Dialogs;
    }

    /// <summary>Opens the select labelled <paramref name="label"/> and clicks the item <paramref name="item"/>.</summary>
    public async Task PickAsync<T>(IRenderedComponent<T> scope, string label, string item) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var input = scope.Find($"input[role=combobox][aria-label='{label}']");
        await input.Closest(".mud-input-control")!.MouseDownAsync(new());
        Popovers.WaitForAssertion(() => Popovers.FindAll(".mud-list-item").ShouldContain(i => i.TextContent.Trim() == item));
        await Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == item).ClickAsync(new());
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

/// <summary>Finds elements the way people do: by their label or their accessible name.</summary>
public static class Find
{
    /// <summary>The input whose label reads <paramref name="label"/>.</summary>
    public static IElement Input<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var labels = cut.FindAll("label").Where(l => l.TextContent.Trim() == label).ToList();
        labels.Count.ShouldBe(1, $"one label '{label}'");
        return cut.Find($"#{labels[0].GetAttribute("for")}");
    }

    /// <summary>The whole field around the input labelled <paramref name="label"/>: its value, helper and error texts.</summary>
    public static IElement Field<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Input(label).Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around '{label}'.");

    /// <summary>The switch whose accessible name (MudSwitch's AriaLabel) is <paramref name="name"/>.</summary>
    public static IElement NamedSwitch<T>(this IRenderedComponent<T> cut, string name) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var labelId = cut.FindAll(".mud-sr-only").Single(s => s.TextContent.Trim() == name).Id;
        return cut.Find($"input[aria-labelledby='{labelId}']");
    }

    /// <summary>The table row that mentions <paramref name="text"/>.</summary>
    public static IElement Row<T>(this IRenderedComponent<T> cut, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("tbody tr").Single(r => r.TextContent.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// The text of the cell in <paramref name="row"/> under the column <paramref name="column"/> (its <c>data-label</c>),
    /// trimmed: assertions on it cannot pass because the same text stands in another column.
    /// </summary>
    public static string Cell(this IElement row, string column) =>
        (row.QuerySelectorAll("td").SingleOrDefault(td => td.GetAttribute("data-label") == column)
            ?? throw new InvalidOperationException($"No cell '{column}' in the row."))
        .TextContent.Trim();

    /// <summary>The checkbox or switch inside the label that reads <paramref name="label"/>.</summary>
    public static IElement Switch<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input")
            ?? throw new InvalidOperationException($"No input inside label '{label}'.");

    /// <summary>The button whose aria-label or text is <paramref name="name"/>.</summary>
    public static IElement Button<T>(this IRenderedComponent<T> cut, string name) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var buttons = cut.FindAll("button").Where(b => b.GetAttribute("aria-label") == name || b.TextContent.Trim() == name).ToList();
        buttons.Count.ShouldBe(1, $"one button '{name}'");
        return buttons[0];
    }
}
