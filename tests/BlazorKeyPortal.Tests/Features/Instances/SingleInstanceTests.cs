using BlazorKeyPortal.Features.Instances;
using BlazorKeyPortal.Features.Throttling;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Instances;

public sealed class SingleInstanceTests
{
    [Fact]
    public async Task Without_Redis_configured_no_Redis_service_is_registered_and_notifications_go_nowhere()
    {
        await using var portal = new PortalFactory().Started();

        portal.Services.GetService(typeof(RedisConnection)).ShouldBeNull();
        portal.Services.GetService(typeof(IBudgetStore)).ShouldBeNull();
        portal.Get<IInstanceBus>().ShouldBeOfType<SingleInstanceBus>();
    }
}
