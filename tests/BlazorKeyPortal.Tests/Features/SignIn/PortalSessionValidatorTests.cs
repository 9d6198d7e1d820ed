using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.SignIn;

public sealed class PortalSessionValidatorTests
{
    [Fact]
    public async Task With_an_external_provider_a_session_is_not_checked_against_the_local_user_store()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = "https://login.example.com",
            ["Authentication:ClientId"] = "portal",
            ["Authentication:ClientSecret"] = "secret",
        });
        var session = PortalClaims.Principal("someone@example.com", "Someone", "external-subject", [PortalRoles.Admin]);

        var check = await portal.Started().Get<PortalSessionValidator>().CheckAsync(session);

        check.Standing.ShouldBe(SessionStanding.Current);
    }

    [Fact]
    public async Task A_session_of_a_user_the_built_in_provider_does_not_know_ends()
    {
        await using var portal = new PortalFactory();
        var session = PortalClaims.Principal("ghost", "Ghost", "no-such-user", [PortalRoles.Admin]);

        var check = await portal.Started().Get<PortalSessionValidator>().CheckAsync(session);

        check.Standing.ShouldBe(SessionStanding.Ended);
        check.Reason.ShouldBe(PortalSessionValidator.UserRemoved);
    }
}
