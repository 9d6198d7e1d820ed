using BlazorKeyPortal.Components;
using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;

namespace BlazorKeyPortal.Tests.Features.Navigation;

public sealed class PortalNavMenuTests : ComponentTestContext
{
    [Fact]
    public void The_menu_shows_the_product_version_at_its_foot()
    {
        AddAuthorization().SetAuthorized("agent");

        var cut = Render<PortalNavMenu>();

        cut.Find("[data-testid=product-version]").TextContent.Trim().ShouldBe($"BlazorKeyPortal {ProductVersion.Current}");
    }
}
