using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.Administration;

/// <summary>The built-in provider's users, administered on /admin/users and signing in with what the page handed over.</summary>
[Collection(AdministrationCollection.Name)]
public sealed class UsersTests(PortalBrowser browser)
{
    private const string ChosenPassword = "Chosen-Passw0rd!";

    [Fact]
    public async Task A_user_the_administrator_created_signs_in_with_the_one_time_password_chooses_a_new_one_and_reaches_Generate()
    {
        // Arrange: admin creates an agent and notes the one-time password
        var users = await AdminUsersAsync();
        await using var closeAdmin = new ClosingContext(users.Page);
        var name = NewName("dana");
        var oneTime = await users.CreateAgentAsync(name);
        await Assertions.Expect(users.Row(name)).ToContainTextAsync("must choose a password");

        // Act: the agent signs in with it, tries to keep it, then chooses their own
        var agent = await browser.NewPageAsync();
        await using var _ = new ClosingContext(agent);
        var signIn = await new SignInPage(agent).OpenAsync("/keys/new");
        await SubmitPasswordAsync(signIn, name, oneTime);
        await agent.WaitForURLAsync(url => url.Contains("/account/login/new-password", StringComparison.Ordinal));
        await ChooseAsync(agent, oneTime);
        await Assertions.Expect(agent.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Choose a password other than the one-time password.");
        await ChooseAsync(agent, ChosenPassword);

        // Assert: Generate opens, and the page no longer asks for a new password
        await Assertions.Expect(agent).ToHaveTitleAsync("Generate a session key · BlazorKeyPortal");
        await users.Page.ReloadAsync();
        await Assertions.Expect(users.Row(name)).Not.ToContainTextAsync("must choose a password");
    }

    [Fact]
    public async Task A_locked_user_gets_the_same_answer_as_a_wrong_password()
    {
        // Arrange: a new user, locked by the admin before their first sign-in
        var users = await AdminUsersAsync();
        await using var closeAdmin = new ClosingContext(users.Page);
        var name = NewName("erin");
        var oneTime = await users.CreateAgentAsync(name);
        await users.LockForAnHourAsync(name);

        // Act
        var erin = await browser.NewPageAsync();
        await using var _ = new ClosingContext(erin);
        var signIn = await new SignInPage(erin).OpenAsync("/keys/new");
        await SubmitPasswordAsync(signIn, name, oneTime);

        // Assert: back on the sign-in form with the generic answer
        await Assertions.Expect(signIn.Error).ToHaveTextAsync("The username or password is not correct.");
        new Uri(erin.Url).AbsolutePath.ShouldBe("/account/login");
    }

    [Fact]
    public async Task A_reset_password_signs_in_once_and_then_no_longer()
    {
        // Arrange: a user with their own password, whose password the admin resets
        var users = await AdminUsersAsync();
        await using var closeAdmin = new ClosingContext(users.Page);
        var name = NewName("finn");
        var first = await users.CreateAgentAsync(name);
        var finn = await browser.NewPageAsync();
        await using var _ = new ClosingContext(finn);
        await SubmitPasswordAsync(await new SignInPage(finn).OpenAsync("/keys/new"), name, first);
        await ChooseAsync(finn, ChosenPassword);
        await Assertions.Expect(finn).ToHaveTitleAsync("Generate a session key · BlazorKeyPortal");
        var reset = await users.ResetPasswordAsync(name);

        // Act: the reset password signs in and is replaced
        var again = await browser.NewPageAsync();
        await using var __ = new ClosingContext(again);
        await SubmitPasswordAsync(await new SignInPage(again).OpenAsync("/keys/new"), name, reset);
        await again.WaitForURLAsync(url => url.Contains("/account/login/new-password", StringComparison.Ordinal));
        await ChooseAsync(again, "Another-Passw0rd!");
        await Assertions.Expect(again).ToHaveTitleAsync("Generate a session key · BlazorKeyPortal");

        // Assert: a second use of the reset password fails like any wrong password
        var third = await browser.NewPageAsync();
        await using var ___ = new ClosingContext(third);
        var signIn = await new SignInPage(third).OpenAsync("/keys/new");
        await SubmitPasswordAsync(signIn, name, reset);
        await Assertions.Expect(signIn.Error).ToHaveTextAsync("The username or password is not correct.");
    }

    private async Task<AdminUsersPage> AdminUsersAsync()
    {
        var admin = await browser.NewPageAsync();
        await new SignInPage(admin).OpenAsync("/admin/users");
        await new SignInPage(admin).SignInAsync("admin");
        return await new AdminUsersPage(admin).OpenAsync();
    }

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task SubmitPasswordAsync(SignInPage signIn, string userName, string password)
    {
        await signIn.UserName.FillAsync(userName);
        await signIn.Password.FillAsync(password);
        await signIn.SignInButton.ClickAsync();
    }

    private static async Task ChooseAsync(IPage page, string password)
    {
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the new password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
    }
}
