using System.Net;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.ReverseProxy;

/// <summary>
/// Behind a reverse proxy every request arrives from the proxy's address; the client's own is in the forwarded
/// headers, which count only from a known proxy. Real Kestrel, real client addresses (127.0.0.x): 127.0.0.5 is the
/// proxy, the token endpoint's failure budget (3 per address) shows which address a request was counted under.
/// </summary>
public sealed class ForwardedClientAddressTests
{
    private const string Proxy = "127.0.0.5";

    private static LoopbackPortal PortalBehindProxy(string headers = "XForwarded") => new(new Dictionary<string, string?>
    {
        ["ReverseProxy:KnownProxies:0"] = Proxy,
        ["ReverseProxy:Headers"] = headers,
        ["TokenThrottle:PerAddressLimit"] = "3",
        ["TokenThrottle:PerAddressWindow"] = "00:10:00",
    });

    [Fact]
    public async Task Clients_forwarded_by_a_known_proxy_spend_failure_budgets_of_their_own()
    {
        await using var portal = PortalBehindProxy();
        var proxy = new CommandApiClient(portal.ClientFrom(Proxy));

        var first = await WrongSecretsAsync(proxy, 4, "X-Forwarded-For", "10.1.1.1");
        var second = await WrongSecretsAsync(proxy, 1, "X-Forwarded-For", "10.1.1.2");

        first[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        second.ShouldBe([HttpStatusCode.Unauthorized]);
    }

    [Fact]
    public async Task A_known_proxy_that_writes_the_standard_Forwarded_header_separates_its_clients_too()
    {
        await using var portal = PortalBehindProxy("Forwarded");
        var proxy = new CommandApiClient(portal.ClientFrom(Proxy));

        var first = await WrongSecretsAsync(proxy, 4, "Forwarded", "for=10.1.1.1;proto=https");
        var second = await WrongSecretsAsync(proxy, 1, "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https");
        // A client's own X-Forwarded-For beside the proxy's Forwarded header is not read.
        var forged = await WrongSecretsAsync(proxy, 1, "X-Forwarded-For", "10.9.9.9", ("Forwarded", "for=10.1.1.1"));

        first[^1].ShouldBe(HttpStatusCode.TooManyRequests);
        second.ShouldBe([HttpStatusCode.Unauthorized]);
        forged.ShouldBe([HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_client_that_is_not_a_known_proxy_is_ignored()
    {
        await using var portal = PortalBehindProxy();
        var client = new CommandApiClient(portal.ClientFrom("127.0.0.6"));

        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < 4; guess++)
        {
            statuses.AddRange(await WrongSecretsAsync(client, 1, "X-Forwarded-For", $"10.2.2.{guess}"));
        }

        // Counted under 127.0.0.6 whatever it claims: the fourth is refused.
        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task Without_configured_proxies_not_even_loopback_is_believed()
    {
        await using var portal = new LoopbackPortal(new Dictionary<string, string?>
        {
            ["TokenThrottle:PerAddressLimit"] = "3",
            ["TokenThrottle:PerAddressWindow"] = "00:10:00",
        });
        var client = new CommandApiClient(portal.ClientFrom("127.0.0.1"));

        var statuses = new List<HttpStatusCode>();
        for (var guess = 0; guess < 4; guess++)
        {
            statuses.AddRange(await WrongSecretsAsync(client, 1, "X-Forwarded-For", $"10.3.3.{guess}"));
        }

        statuses[^1].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static async Task<HttpStatusCode[]> WrongSecretsAsync(CommandApiClient client, int count, string header, string value, params (string Name, string Value)[] extra)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Remove("Forwarded");
            client.Http.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
            foreach (var (name, text) in extra) client.Http.DefaultRequestHeaders.TryAddWithoutValidation(name, text);
            statuses[i] = (await client.RequestTokenAsync(CommandApiClient.FullAccess, $"wrong-{i}")).StatusCode;
        }
        return statuses;
    }
}
