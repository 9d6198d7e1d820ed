using System.Text.Json;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.E2E.Features.SignIn;

/// <summary>
/// Signing in with the company's provider (panva's oidc-provider in a process of its own): authorization code with
/// PKCE, roles from the provider's groups, the user name from the configured claim, a change of groups from the next
/// sign-in, and sign-out that ends the provider's session as well. Each test has a user of its own.
/// </summary>
public sealed class CompanyProviderSignInTests(CompanyProviderPortal company) : IClassFixture<CompanyProviderPortal>
{
    private const string Password = "Company-Passw0rd";

    private Uri Portal => company.Portal.BaseAddress;

    [Fact]
    public async Task An_agent_signs_in_at_the_company_provider_with_code_and_PKCE_reaches_Generate_and_is_shown_and_audited_under_the_provider_user_name()
    {
        // Arrange: a helpdesk member, among groups the portal does not know
        company.Provider.SetUser("alice.agent", Password, "all-staff", CompanyProviderPortal.AgentGroup);
        var page = await company.NewPageAsync();
        await using var close = new ClosingContext(page);
        var authorizeRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(new Uri(company.Provider.Issuer, "/auth").ToString(), StringComparison.Ordinal)) authorizeRequests.Add(request.Url);
        };

        // Act: the Generate page sends her to the company's sign-in form
        var signIn = await new CompanySignInPage(page).OpenAsync("/keys/new");
        await signIn.SignInAsync(Portal, "alice.agent", Password);

        // Assert: she asked for a code with a PKCE challenge, and is on Generate under her user name (not the opaque sub)
        var authorize = authorizeRequests.First();
        authorize.ShouldContain("response_type=code");
        authorize.ShouldContain("code_challenge_method=S256");
        authorize.ShouldContain("code_challenge=");
        authorize.ShouldContain("scope=openid%20profile%20groups");
        var generate = new GeneratePage(page);
        await generate.WaitForInteractiveAsync();
        await Assertions.Expect(generate.GenerateButton).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("alice.agent");

        // Assert: the audit trail records the sign-in by that name, with the role and the provider
        await using var db = await company.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.SignIn && e.SubjectId == "alice.agent");
        entry.Actor.ShouldBe("user:alice.agent");
        using var details = JsonDocument.Parse(entry.Details!);
        details.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Agent"]);
        details.RootElement.GetProperty("provider").GetString().ShouldBe(company.Provider.Issuer.ToString());
    }

    [Fact]
    public async Task A_user_whose_groups_map_to_no_portal_role_is_told_that_the_page_is_not_allowed()
    {
        // Arrange
        company.Provider.SetUser("bob.outsider", Password, "all-staff", "finance");
        var page = await company.NewPageAsync();
        await using var close = new ClosingContext(page);

        // Act
        await (await new CompanySignInPage(page).OpenAsync("/keys/new")).SignInAsync(Portal, "bob.outsider", Password);

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("You are signed in as bob.outsider")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("you have no portal role yet")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_change_of_groups_at_the_company_provider_counts_from_the_next_sign_in()
    {
        // Arrange: an agent, kept out of the history
        company.Provider.SetUser("carol.lead", Password, CompanyProviderPortal.AgentGroup);
        var page = await company.NewPageAsync();
        await using var close = new ClosingContext(page);
        var signIn = new CompanySignInPage(page);
        await (await signIn.OpenAsync("/history")).SignInAsync(Portal, "carol.lead", Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();

        // Act: the company makes her a helpdesk lead; she signs out and in again
        company.Provider.SetUser("carol.lead", Password, CompanyProviderPortal.AgentGroup, CompanyProviderPortal.SupervisorGroup);
        await new GeneratePage(page).OpenAsync();
        await signIn.SignOutAsync();
        await (await signIn.OpenAsync("/history")).SignInAsync(Portal, "carol.lead", Password);

        // Assert: as a supervisor she reads the history
        var history = new HistoryPage(page);
        await history.WaitForInteractiveAsync();
        await Assertions.Expect(history.Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_portal_session_and_the_company_provider_session_so_the_next_visit_asks_for_the_password()
    {
        // Arrange: a signed-in agent
        company.Provider.SetUser("dave.agent", Password, CompanyProviderPortal.AgentGroup);
        var page = await company.NewPageAsync();
        await using var close = new ClosingContext(page);
        var signIn = new CompanySignInPage(page);
        await (await signIn.OpenAsync("/keys/new")).SignInAsync(Portal, "dave.agent", Password);
        await new GeneratePage(page).WaitForInteractiveAsync();
        var endSessionRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(new Uri(company.Provider.Issuer, "/session/end").ToString(), StringComparison.Ordinal)) endSessionRequests.Add(request.Url);
        };

        // Act: sign out, confirmed at the provider
        await signIn.SignOutAsync();

        // Assert: the portal sent the browser to the provider's end-session endpoint with the ID token and its sign-out callback
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out", Level = 1 })).ToBeVisibleAsync();
        var endSession = endSessionRequests.First();
        endSession.ShouldContain("id_token_hint=");
        endSession.ShouldContain("post_logout_redirect_uri=" + Uri.EscapeDataString(new Uri(Portal, "/signout-callback-oidc").ToString()));

        // Act + Assert: the next visit to a portal page shows the provider's form again, not an automatic sign-in
        await page.GotoAsync("/keys/new");
        await Assertions.Expect(signIn.Heading).ToBeVisibleAsync();
        await Assertions.Expect(signIn.Password).ToBeEmptyAsync();
        page.Url.ShouldStartWith(company.Provider.Issuer.ToString());
    }
}
