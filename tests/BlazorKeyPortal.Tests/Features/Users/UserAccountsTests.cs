using System.Text.Json;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.Users;

/// <summary>The rules the Users page and the command line share, on the real user store and audit trail.</summary>
public sealed class UserAccountsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Admin = "user:admin";

    private UserAccounts Accounts => portal.Get<UserAccounts>();

    [Fact]
    public async Task A_user_created_without_a_password_gets_a_one_time_password_that_meets_the_policy_and_must_replace_it()
    {
        var name = NewName("kim");

        var created = await Accounts.CreateAsync(Admin, name, [PortalRoles.Agent, PortalRoles.Supervisor], null, null);

        created.Succeeded.ShouldBeTrue(created.Error);
        created.OneTimePassword.ShouldNotBeNullOrEmpty();
        (await CheckPasswordAsync(name, created.OneTimePassword)).ShouldBeTrue();
        var listed = (await Accounts.ListAsync()).Single(u => u.UserName == name);
        listed.MustChangePassword.ShouldBeTrue();
        listed.Roles.ShouldBe([PortalRoles.Agent, PortalRoles.Supervisor]);
    }

    [Fact]
    public async Task Every_change_is_audited_under_the_administrator_who_made_it()
    {
        var name = NewName("lea");
        var created = await Accounts.CreateAsync(Admin, name, [PortalRoles.Agent], null, null);
        await Accounts.SetRolesAsync(Admin, name, [PortalRoles.Supervisor]);
        await Accounts.LockAsync(Admin, name, DateTimeOffset.UtcNow.AddHours(1));
        await Accounts.UnlockAsync(Admin, name);
        var reset = await Accounts.ResetPasswordAsync(Admin, name);
        await Accounts.SetDisabledAsync(Admin, name, disabled: true);

        await using var db = portal.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.SubjectType == AuditSubjects.User && e.SubjectId == name).OrderBy(e => e.Sequence).ToListAsync();
        entries.ShouldAllBe(e => e.Actor == Admin && e.Action == AuditActions.AdminChange);
        entries.Select(e => JsonDocument.Parse(e.Details!).RootElement.GetProperty("change").GetString())
            .ShouldBe(["created", "roles", "locked", "unlocked", "password reset", "disabled"]);
        // The audit trail says that a one-time password was made, never which.
        entries.ShouldAllBe(e => !e.Details!.Contains(created.OneTimePassword!, StringComparison.Ordinal) && !e.Details.Contains(reset.OneTimePassword!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Locking_disabling_and_resetting_the_password_each_renew_the_security_stamp_so_open_sessions_end()
    {
        var name = NewName("max");
        await Accounts.CreateAsync(Admin, name, [PortalRoles.Agent], null, null);
        var stamps = new List<string?> { await StampAsync(name) };

        await Accounts.LockAsync(Admin, name, DateTimeOffset.UtcNow.AddHours(1));
        stamps.Add(await StampAsync(name));
        await Accounts.ResetPasswordAsync(Admin, name);
        stamps.Add(await StampAsync(name));
        await Accounts.SetDisabledAsync(Admin, name, disabled: true);
        stamps.Add(await StampAsync(name));

        stamps.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task A_representative_who_acts_for_another_user_is_refused_and_one_of_their_own_is_linked()
    {
        var first = NewName("nia");
        var second = NewName("oto");
        (await Accounts.CreateAsync(Admin, first, [PortalRoles.Agent], null, null)).Succeeded.ShouldBeTrue();
        (await Accounts.CreateAsync(Admin, second, [PortalRoles.Agent], null, null)).Succeeded.ShouldBeTrue();
        await using (var db = portal.CreateDbContext())
        {
            var free = await db.Representatives.FirstAsync(r => r.PortalUserName == null);
            (await Accounts.SetRepresentativeAsync(Admin, first, free.Id)).Succeeded.ShouldBeTrue();

            var taken = await Accounts.SetRepresentativeAsync(Admin, second, free.Id);

            taken.Error.ShouldBe($"representative {free.Id} already acts for the user '{first}'.");
            (await Accounts.ListAsync()).Single(u => u.UserName == first).RepresentativeId.ShouldBe(free.Id);
            (await Accounts.SetRepresentativeAsync(Admin, first, null)).Succeeded.ShouldBeTrue();
            (await Accounts.ListAsync()).Single(u => u.UserName == first).RepresentativeId.ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_user_needs_at_least_one_portal_role()
    {
        var refused = await Accounts.CreateAsync(Admin, NewName("pia"), ["Owner"], null, null);

        refused.Error.ShouldBe("a user needs at least one role: Agent, Supervisor or Admin.");
    }

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private async Task<bool> CheckPasswordAsync(string name, string password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, password);
    }

    private async Task<string?> StampAsync(string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetSecurityStampAsync((await users.FindByNameAsync(name))!);
    }
}
