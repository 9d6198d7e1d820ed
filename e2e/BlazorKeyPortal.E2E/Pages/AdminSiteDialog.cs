using System.Text.RegularExpressions;

namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The create/edit dialog of a public site: hostnames, look, invitation email and the site's rules.</summary>
public sealed class AdminSiteDialog(ILocator dialog)
{
    private IPage Page => dialog.Page;

    public ILocator AddHostnameButton => dialog.GetByRole(AriaRole.Button, new() { Name = "Add hostname", Exact = true });

    /// <summary>The n-th hostname field (1-based), labelled "Hostname n".</summary>
    public ILocator Hostname(int number) => dialog.GetByLabel($"Hostname {number}", new() { Exact = true });

    public ILocator Hostnames => dialog.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Hostname [0-9]+$") });

    public ILocator RestrictToTeams => dialog.GetByRole(AriaRole.Switch, new() { Name = "Only members of chosen teams may issue keys for this site" });

    public ILocator TeamsAllowed => dialog.GetByLabel("Teams allowed", new() { Exact = true });

    public ILocator RestrictToApiAccounts => dialog.GetByRole(AriaRole.Switch, new() { Name = "Only chosen API accounts may issue keys for this site" });

    public ILocator ApiAccountsAllowed => dialog.GetByLabel("API accounts allowed", new() { Exact = true });

    public ILocator SaveButton => dialog.GetByRole(AriaRole.Button, new() { Name = "Save site", Exact = true });

    /// <summary>Adds a hostname row and types <paramref name="hostname"/> into it (the field takes its value when it loses focus).</summary>
    public async Task AddHostnameAsync(string hostname)
    {
        var number = await Hostnames.CountAsync() + 1;
        await AddHostnameButton.ClickAsync();
        await Hostname(number).FillAsync(hostname);
        await Hostname(number).PressAsync("Tab");
    }

    /// <summary>Turns on "only members of chosen teams" and picks <paramref name="teams"/> (as the picker shows them, e.g. "Tier 1 Support (team:1)").</summary>
    public async Task RestrictToTeamsAsync(params string[] teams)
    {
        await RestrictToTeams.CheckAsync();
        await PickAsync(TeamsAllowed, teams);
    }

    /// <summary>Turns on "only chosen API accounts" and picks <paramref name="accounts"/> (e.g. "demo-read-only (demo-read-only)").</summary>
    public async Task RestrictToApiAccountsAsync(params string[] accounts)
    {
        await RestrictToApiAccounts.CheckAsync();
        await PickAsync(ApiAccountsAllowed, accounts);
    }

    /// <summary>Saves and waits until the dialog has closed (it stays open, with the errors beside their fields, when the save is refused).</summary>
    public async Task SaveAsync()
    {
        await SaveButton.ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>
    /// Opens a multi-select, picks <paramref name="options"/> (given in the list's order) and closes it again with
    /// Escape on the select itself; the field then reads the picks.
    /// </summary>
    private async Task PickAsync(ILocator select, string[] options)
    {
        await select.ClickAsync();
        foreach (var option in options)
        {
            var item = Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            await item.ClickAsync();
            await Assertions.Expect(item).ToHaveAttributeAsync("aria-selected", "true");
        }
        await select.PressAsync("Escape");
        await Assertions.Expect(select).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(select).ToHaveValueAsync(string.Join(", ", options));
    }
}
