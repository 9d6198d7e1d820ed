using System.Security.Claims;
using BlazorKeyPortal.Features.Administration;

namespace BlazorKeyPortal.Tests.Features.Administration;

public sealed class AdminPartsTests
{
    [Theory]
    [InlineData(86_400, "24 hours")]
    [InlineData(604_800, "7 days")]
    [InlineData(3_600, "1 hour")]
    [InlineData(5_400, "90 minutes")]
    [InlineData(60, "1 minute")]
    [InlineData(90, "90 seconds")]
    [InlineData(172_800, "2 days")]
    [InlineData(0, "0 seconds")]
    public void A_timeout_reads_in_the_largest_whole_unit(int seconds, string expected) =>
        DurationText.Describe(seconds).ShouldBe(expected);

    [Fact]
    public void The_actor_is_the_sign_in_name_from_preferred_username()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("preferred_username", "admin"), new Claim(ClaimTypes.Name, "Alex")], "portal"));

        AdminActor.Of(user).ShouldBe("user:admin");
    }

    [Fact]
    public void Without_preferred_username_the_actor_is_the_identity_name()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "corp\\alex")], "corporate"));

        AdminActor.Of(user).ShouldBe("user:corp\\alex");
    }

    [Fact]
    public void An_anonymous_user_cannot_be_an_actor() =>
        Should.Throw<InvalidOperationException>(() => AdminActor.Of(new ClaimsPrincipal(new ClaimsIdentity())));
}
