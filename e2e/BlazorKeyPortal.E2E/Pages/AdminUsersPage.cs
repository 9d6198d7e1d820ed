namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The Users page (<c>/admin/users</c>) of the built-in provider: create, reset, lock.</summary>
public sealed class AdminUsersPage(IPage page) : AdminPage(page, "/admin/users", "Users")
{
    public new async Task<AdminUsersPage> OpenAsync()
    {
        await base.OpenAsync();
        return this;
    }

    /// <summary>Creates an Agent named <paramref name="userName"/> and returns the one-time password the page shows once.</summary>
    public async Task<string> CreateAgentAsync(string userName)
    {
        var dialog = await OpenDialogAsync("New user");
        await dialog.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user", Exact = true }).ClickAsync();
        return await OneTimePasswordAsync();
    }

    /// <summary>Resets the password of <paramref name="userName"/> and returns the new one-time password.</summary>
    public async Task<string> ResetPasswordAsync(string userName)
    {
        await Button($"Reset the password of {userName}").ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Reset password", Exact = true }).ClickAsync();
        return await OneTimePasswordAsync();
    }

    public async Task LockForAnHourAsync(string userName)
    {
        await Button($"Lock {userName}").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Lock for 1 hour" }).ClickAsync();
        await Assertions.Expect(Row(userName)).ToContainTextAsync("locked until");
    }

    private async Task<string> OneTimePasswordAsync()
    {
        var shown = Page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "One-time password" });
        var password = await shown.GetByLabel("One-time password", new() { Exact = true }).InputValueAsync();
        await shown.GetByRole(AriaRole.Button, new() { Name = "I have noted it", Exact = true }).ClickAsync();
        await shown.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        return password;
    }
}
