using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>A small catalog for component tests: two sites, two teams, one rep, one embassy.</summary>
internal static class TestCatalog
{
    public static CatalogSnapshot Create() => new(
        1,
        [Site(1, "Support", "support.localhost", primary: true), Site(2, "Remote", "remote.localhost", primary: false)],
        [new RepInfo(1, "admin", "Alex Morgan", "Alex Morgan (Tier 1)", "agent", true, [1], [], [])],
        [new TeamInfo(1, "tier1", "Tier 1 Support", false, true, 1, [1]), new TeamInfo(2, "after_hours", "After-hours Queue", true, true, null, [])],
        [new EmbassyInfo(1, "Partner Desk", false, true, [])],
        [],
        [],
        [],
        [],
        new SettingsInfo(PortalSettings.DefaultMaxSessionKeyTimeoutSeconds, ShortKeyAlphabet.Digits));

    private static SiteInfo Site(int id, string name, string hostname, bool primary) => new(
        id, name, primary, true, name, "#1565c0", null, null, null, false, new HashSet<int>(), false, new HashSet<int>(), null, false, null,
        [new HostnameInfo(hostname, true)]);
}
