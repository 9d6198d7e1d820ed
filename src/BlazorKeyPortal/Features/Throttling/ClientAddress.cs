using System.Net;
using System.Net.Sockets;

namespace BlazorKeyPortal.Features.Throttling;

/// <summary>
/// Who is making a request, as far as the network tells: the address (for the audit trail) and the partition that
/// failure budgets count it under. <see cref="Of(HttpContext)"/> is the one place that reads a request's address.
/// </summary>
public sealed record ClientAddress(string Address, string Partition)
{
    /// <summary>Connections without an address (a Unix socket, an in-process test server) share one partition.</summary>
    public static readonly ClientAddress Unknown = new("unknown", "unknown");

    public static ClientAddress Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    /// <summary>
    /// IPv6 partitions by /64: one subscriber usually holds a whole /64, so counting single addresses would give
    /// an attacker 2^64 fresh budgets.
    /// </summary>
    public static ClientAddress Of(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return new(address.ToString(), address.ToString());

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new(address.ToString(), $"{new IPAddress(bytes)}/64");
    }
}
