using Deque.AxeCore.Playwright;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class AdminAccessibilityTests(PortalBrowser browser)
{
    /// <summary>The admin pages: path, heading, and the button that opens the page's main dialog (null: the page is its own form).</summary>
    private static readonly (string Path, string Title, string? DialogButton)[] AdminPages =
    [
        ("/admin/sites", "Public sites", "Edit site Remote"),
        ("/admin/teams", "Support teams", "Edit team Tier 1 Support"),
        ("/admin/representatives", "Representatives", "Edit representative Alex Morgan (Tier 1)"),
        ("/admin/embassies", "Embassies", "Edit embassy Partner Desk"),
        ("/admin/issues", "Issues", "Edit issue other"),
        ("/admin/skills", "Skills", "Edit skill codename1"),
        ("/admin/custom-fields", "Custom fields", "Edit custom field custom_field1"),
        ("/admin/api-accounts", "API accounts", "Edit API account demo-full-access"),
        ("/admin/settings", "Settings", null),
        ("/admin/users", "Users", "Edit user agent"),
        ("/admin/webhooks", "Webhooks", "New recipient"),
    ];

    [Fact]
    public async Task Every_admin_page_and_its_edit_dialog_have_no_serious_or_critical_axe_violations()
    {
        // Arrange
        var page = await browser.NewPageAsync();
        await using var _ = new ClosingContext(page);
        await new SignInPage(page).OpenAsync("/admin/sites");
        await new SignInPage(page).SignInAsync("admin");
        var violations = new List<string>();

        foreach (var (path, title, dialogButton) in AdminPages)
        {
            // Act
            var admin = new AdminPage(page, path, title);
            await admin.OpenAsync();
            violations.AddRange(await SeriousViolationsAsync(page, path));

            if (dialogButton is null) continue;
            var dialog = await admin.OpenDialogAsync(dialogButton);
            if (path == "/admin/sites")
            {
                // The site rules' team and API account pickers show only once their switches are on.
                var site = new AdminSiteDialog(dialog);
                await site.RestrictToTeams.CheckAsync();
                await site.RestrictToApiAccounts.CheckAsync();
                await Assertions.Expect(site.ApiAccountsAllowed).ToBeVisibleAsync();
            }
            violations.AddRange(await SeriousViolationsAsync(page, $"{path}, dialog '{dialogButton}'"));
            await admin.CancelDialogAsync();
        }

        // Assert
        violations.ShouldBeEmpty();
    }

    private static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}");
    }
}
