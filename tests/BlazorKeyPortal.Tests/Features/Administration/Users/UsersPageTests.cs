using BlazorKeyPortal.Features.Administration.Users;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Administration.Users;

public sealed class UsersPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task With_the_companys_provider_the_page_says_where_users_come_from_and_lists_who_signed_in_with_their_roles()
    {
        await portal.Get<SignInAudit>().SignedInAsync("rosa@example.com", [PortalRoles.Supervisor], "https://login.example.com/", CancellationToken.None);
        await using var admin = await AdminComponentContext.CreateAsync(portal, more: services => AddUserServices(services, new PortalSignInOptions { Authority = "https://login.example.com/" }));

        var cut = admin.Render<UsersPage>();

        cut.WaitForAssertion(() => cut.Row("rosa@example.com").TextContent.ShouldContain(PortalRoles.Supervisor));
        cut.Markup.ShouldContain("Users and their roles come from the company's sign-in provider");
        cut.FindAll("button").ShouldNotContain(b => b.TextContent.Trim() == "New user");
    }

    [Fact]
    public async Task With_the_built_in_provider_the_page_lists_the_users_with_their_roles_and_state()
    {
        var name = $"quinn-{Guid.NewGuid().ToString("N")[..6]}";
        await portal.Get<UserAccounts>().CreateAsync("user:admin", name, [PortalRoles.Admin], null, null);
        await using var admin = await AdminComponentContext.CreateAsync(portal, more: services => AddUserServices(services, new PortalSignInOptions()));

        var cut = admin.Render<UsersPage>();

        cut.WaitForAssertion(() => cut.Row(name).TextContent.ShouldContain("must choose a password"));
        cut.Row(name).TextContent.ShouldContain(PortalRoles.Admin);
        cut.Row("supervisor").TextContent.ShouldContain("active");
    }

    private void AddUserServices(IServiceCollection services, PortalSignInOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(portal.Get<UserAccounts>());
        services.AddSingleton(portal.Get<UserAdministration>());
        services.AddSingleton(portal.Get<UserFormValidator>());
        services.AddSingleton(portal.Get<ExternalSignIns>());
        services.AddSingleton(portal.Get<UserTwoFactor>());
        services.AddSingleton(portal.Get<TwoFactorRequirements>());
    }
}
