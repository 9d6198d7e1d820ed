using System.Security.Claims;
using BlazorKeyPortal.Features.SignIn;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.SignIn;

public sealed class SignInComponentsTests
{
    [Fact]
    public async Task A_page_reached_by_client_navigation_without_a_session_reloads_through_the_sign_in_endpoint()
    {
        await using var context = new BunitContext();
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/keys?x=1");

        context.Render<RedirectToSignIn>();

        var navigated = context.Services.GetRequiredService<BunitNavigationManager>().History.First();
        // Relative to the base address, so that under a path base it stays below it; the return address is the path from
        // the host's root, as ASP.NET Core's handlers write theirs.
        navigated.Uri.ShouldBe("authentication/login?returnUrl=%2Fkeys%3Fx%3D1");
        navigated.Options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public async Task The_not_allowed_notice_names_the_signed_in_user_and_their_roles()
    {
        await using var context = new BunitContext();
        context.AddAuthorization().SetAuthorized("agent").SetClaims(new Claim(PortalClaims.UserName, "agent"), new Claim(PortalClaims.Role, PortalRoles.Agent));

        var cut = context.Render<NotAllowedNotice>();

        cut.Find("h1").TextContent.ShouldBe("Not allowed");
        cut.Markup.ShouldContain("<strong>agent</strong>");
        cut.Markup.ShouldContain("your roles: Agent");
    }
}
