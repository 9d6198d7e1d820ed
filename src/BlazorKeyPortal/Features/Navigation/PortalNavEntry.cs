using Microsoft.AspNetCore.Components.Routing;

namespace BlazorKeyPortal.Features.Navigation;

/// <summary>
/// One entry of the portal's navigation. Each feature registers its own with
/// <see cref="NavigationServiceCollectionExtensions.AddNavEntry"/>; the menu shows an entry only to users the
/// <see cref="Policy"/> admits, in <see cref="Order"/>.
/// </summary>
/// <param name="Title">The link text.</param>
/// <param name="Href">The page, relative to the base (e.g. <c>keys/new</c>).</param>
/// <param name="Icon">A MudBlazor icon.</param>
/// <param name="Policy">The authorization policy of the page (see <c>PortalPolicies</c>).</param>
/// <param name="Order">Position: smaller first. Generate 10, My keys 20; queue 30, history 40, admin 100+.</param>
/// <param name="Match">How the current address selects the entry. Defaults to <see cref="NavLinkMatch.All"/>.</param>
public sealed record PortalNavEntry(string Title, string Href, string Icon, string Policy, int Order, NavLinkMatch Match = NavLinkMatch.All);
