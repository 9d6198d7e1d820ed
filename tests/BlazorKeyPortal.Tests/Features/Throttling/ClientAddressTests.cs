using System.Net;
using BlazorKeyPortal.Features.Throttling;

namespace BlazorKeyPortal.Tests.Features.Throttling;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    public void A_client_address_is_partitioned_by_IPv4_address_or_IPv6_64(string address, string partition)
    {
        ClientAddress.Of(IPAddress.Parse(address)).Partition.ShouldBe(partition);
    }
}
