using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>A catalog snapshot like the Development seed's, built in memory for unit tests.</summary>
public static class TestCatalog
{
    public static CatalogSnapshot Seeded(
        Func<SiteInfo, SiteInfo>? remote = null,
        int maxTimeoutSeconds = 86_400,
        ShortKeyAlphabet alphabet = ShortKeyAlphabet.Digits)
    {
        var support = new SiteInfo(1, "Support", true, true, "Example Support", "#1565c0", null, null, null,
            false, new HashSet<int>(), false, new HashSet<int>(), null, false, null,
            [new HostnameInfo("support.localhost", true), new HostnameInfo("support.example.com", false)]);
        var remoteSite = new SiteInfo(2, "Remote", false, true, "Example Remote Assistance", "#2e7d32", null, null, null,
            false, new HashSet<int>(), false, new HashSet<int>(), null, false, null,
            [new HostnameInfo("remote.localhost", true), new HostnameInfo("remote.example.com", false)]);
        return new CatalogSnapshot(
            1,
            [support, remote?.Invoke(remoteSite) ?? remoteSite],
            [
                new RepInfo(1, "admin", "Alex Morgan", "Alex Morgan (Tier 1)", "agent", true, [1], [], ["codename1"]),
                new RepInfo(2, "jsmith", "John Smith", "John Smith (Tier 1)", "agent2", true, [1], [], ["codename2"]),
                new RepInfo(3, "jsmith", "Jane Smith", "Jane Smith (after hours)", null, true, [2], [1], []),
                new RepInfo(4, "gone", "Gone Rep", "Gone Rep", null, false, [], [], []),
            ],
            [
                new TeamInfo(1, "tier1", "Tier 1 Support", false, true, 1, [1, 2]),
                new TeamInfo(2, "after_hours", "After-hours Queue", true, true, null, [3]),
                new TeamInfo(3, "retired", "Retired Team", false, false, null, []),
            ],
            [new EmbassyInfo(1, "Partner Desk", false, true, [3])],
            [new IssueInfo(1, "other", "Something else", 1, true), new IssueInfo(2, "legacy", "Legacy", 3, true)],
            [new SkillInfo(1, "codename1", "Windows", true), new SkillInfo(2, "codename2", "Networking", true), new SkillInfo(3, "old", "Old", false)],
            [.. Enumerable.Range(1, 10).Select(i => new CustomFieldInfo(i, $"custom_field{i}", $"Custom field {i}", true)),
             new CustomFieldInfo(11, "retired_field", "Retired", false)],
            [new ApiAccountInfo(1, "demo-full-access", "demo-full-access", CommandPermission.FullAccess, [], true)],
            new SettingsInfo(maxTimeoutSeconds, alphabet));
    }
}
