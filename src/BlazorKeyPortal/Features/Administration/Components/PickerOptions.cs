using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.Administration.Components;

/// <summary>
/// What the pickers of representatives, teams, skills and API accounts offer: the enabled ones, plus disabled ones
/// a form still holds, so that saving a form keeps what it held.
/// </summary>
public static class PickerOptions
{
    public static IReadOnlyList<(int Value, string Text)> Representatives(CatalogSnapshot catalog, IReadOnlySet<int> picked) =>
        catalog.Reps.Where(r => r.IsEnabled || picked.Contains(r.Id))
            .Select(r => (r.Id, $"{r.PrivateDisplayName} ({r.Username}, rep:{r.Id})")).ToList();

    public static IReadOnlyList<(int Value, string Text)> Teams(CatalogSnapshot catalog, IReadOnlySet<int> picked) =>
        catalog.Teams.Where(t => t.IsEnabled || picked.Contains(t.Id))
            .Select(t => (t.Id, $"{t.Name} (team:{t.Id})")).ToList();

    public static IReadOnlyList<(string Value, string Text)> Skills(CatalogSnapshot catalog, IReadOnlySet<string> picked) =>
        catalog.Skills.Where(s => s.IsEnabled || picked.Contains(s.CodeName))
            .Select(s => (s.CodeName, $"{s.Name} ({s.CodeName})")).ToList();

    public static IReadOnlyList<(int Value, string Text)> ApiAccounts(CatalogSnapshot catalog, IReadOnlySet<int> picked) =>
        catalog.ApiAccounts.Where(a => a.IsEnabled || picked.Contains(a.Id))
            .Select(a => (a.Id, $"{a.Name} ({a.ClientId})")).ToList();
}
