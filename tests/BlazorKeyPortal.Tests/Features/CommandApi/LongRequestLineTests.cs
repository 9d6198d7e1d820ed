using System.Net;
using System.Net.Sockets;
using System.Text;
using BlazorKeyPortal.Tests.Features.Appliance;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.CommandApi;

/// <summary>
/// The source document's examples are GETs, and a GET carries the custom fields in its request line: on real Kestrel
/// (an in-memory test server has no request-line limit) the documented 10 KB must fit however it is encoded.
/// </summary>
public sealed class LongRequestLineTests(KestrelPortal portal) : IClassFixture<KestrelPortal>
{
    private const int TenKilobytes = 10 * 1024;

    [Fact]
    public async Task A_get_with_exactly_10_kb_of_custom_fields_in_the_costliest_encoding_issues_a_key()
    {
        var api = await portal.ApiClient().SignedInAsync();
        var query = CustomFields(TenKilobytes);

        var reply = await api.GenerateAsync(query);

        query.Length.ShouldBeGreaterThan(3 * TenKilobytes);
        reply.ShouldBeSessionKey();
    }

    [Fact]
    public async Task A_get_with_one_byte_more_gets_the_usual_error_document_naming_the_limit()
    {
        var api = await portal.ApiClient().SignedInAsync();

        var reply = await api.GenerateAsync(CustomFields(TenKilobytes) + "&external_key=%23");

        reply.Status.ShouldBe(HttpStatusCode.OK);
        reply.Error.ShouldBe("the custom fields and external_key together are 10241 bytes; at most 10240 (10 KB) are allowed");
    }

    [Fact]
    public async Task A_request_line_beyond_64_kb_is_refused_as_too_long()
    {
        var address = portal.Address;
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();

        var line = $"GET /api/command?action=generate_session_key&external_key={new string('a', 64 * 1024)} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line));
        using var reader = new StreamReader(stream, Encoding.ASCII);

        (await reader.ReadLineAsync()).ShouldBe("HTTP/1.1 414 URI Too Long");
    }

    /// <summary>
    /// <paramref name="bytes"/> bytes over the configured custom fields, at most 1024 characters each, every byte
    /// written as <c>%XX</c>: three characters in the request line for each byte counted.
    /// </summary>
    private static string CustomFields(int bytes)
    {
        var parts = new List<string> { "queue_id=general" };
        for (var field = 1; bytes > 0; field++)
        {
            var length = Math.Min(bytes, 1024);
            parts.Add($"session.custom.custom_field{field}={string.Concat(Enumerable.Repeat("%23", length))}");
            bytes -= length;
        }
        return string.Join('&', parts);
    }
}
