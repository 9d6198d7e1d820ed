using System.Security.Claims;
using BlazorKeyPortal.Features.SignIn;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// An open page's authentication state (the provider a circuit gets from the portal's services), checked again once
/// per revalidation interval on the portal's clock.
/// </summary>
public sealed class RevalidatingPortalAuthenticationStateProviderTests(SessionPortalFactory portal) : IClassFixture<SessionPortalFactory>
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_portal_checks_open_pages_with_its_own_revalidating_provider()
    {
        await using var scope = portal.Services.CreateAsyncScope();

        scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().ShouldBeOfType<RevalidatingPortalAuthenticationStateProvider>();
    }

    [Fact]
    public async Task An_open_page_carries_on_under_the_users_new_roles_after_the_interval()
    {
        await portal.CreateUserAsync("circuit-demoted", PortalRoles.Admin, PortalRoles.Agent);
        await using var scope = portal.Services.CreateAsyncScope();
        var provider = Opened(scope, await portal.PrincipalOfAsync("circuit-demoted"));
        var changed = NextState(provider);

        await portal.ChangeUserAsync("circuit-demoted", (users, user) => users.RemoveFromRoleAsync(user, PortalRoles.Admin));
        portal.PassInterval();
        var user = (await changed.WaitAsync(WaitTimeout)).User;

        user.Identity!.IsAuthenticated.ShouldBeTrue();
        PortalClaims.UserNameOf(user).ShouldBe("circuit-demoted");
        PortalClaims.RolesOf(user).ShouldBe([PortalRoles.Agent]);
        (await provider.GetAuthenticationStateAsync()).User.ShouldBeSameAs(user);
    }

    [Theory]
    [InlineData("locked")]
    [InlineData("deleted")]
    public async Task An_open_page_of_a_user_locked_out_or_deleted_turns_anonymous_after_the_interval(string change)
    {
        var userName = $"circuit-{change}";
        await portal.CreateUserAsync(userName, PortalRoles.Supervisor);
        await using var scope = portal.Services.CreateAsyncScope();
        var provider = Opened(scope, await portal.PrincipalOfAsync(userName));
        var changed = NextState(provider);

        await portal.ChangeUserAsync(userName, (users, user) => change == "locked" ? users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) : users.DeleteAsync(user));
        portal.PassInterval();

        (await changed.WaitAsync(WaitTimeout)).User.Identity!.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task An_open_page_of_an_unchanged_user_keeps_its_state()
    {
        await portal.CreateUserAsync("circuit-unchanged", PortalRoles.Agent);
        await using var scope = portal.Services.CreateAsyncScope();
        var principal = await portal.PrincipalOfAsync("circuit-unchanged");
        var provider = Opened(scope, principal);
        var changed = NextState(provider);
        var checks = new SemaphoreSlim(0);
        ((RevalidatingPortalAuthenticationStateProvider)provider).StillValid += () => checks.Release();

        // Two intervals, each ending in a check that found the session unchanged.
        portal.PassInterval();
        (await checks.WaitAsync(WaitTimeout)).ShouldBeTrue();
        portal.PassInterval();
        (await checks.WaitAsync(WaitTimeout)).ShouldBeTrue();

        changed.IsCompleted.ShouldBeFalse();
        (await provider.GetAuthenticationStateAsync()).User.ShouldBeSameAs(principal);
    }

    /// <summary>The state a circuit starts with: the user of the request that opened it.</summary>
    private static AuthenticationStateProvider Opened(AsyncServiceScope scope, ClaimsPrincipal user)
    {
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        return provider;
    }

    private static Task<AuthenticationState> NextState(AuthenticationStateProvider provider)
    {
        var next = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => next.TrySetResult(await state);
        return next.Task;
    }
}
