using System.Net;
using System.Text.Json;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.ApiAccess;

/// <summary>
/// Failed client authentications at the token endpoint are throttled per client address, before the secret is
/// checked, and never lock the account for other addresses. Real Kestrel, real client addresses (127.0.0.x).
/// </summary>
public sealed class TokenThrottleTests
{
    /// <summary>3 failures per address, then one more every 200 seconds.</summary>
    private static LoopbackPortal TightPortal() => new(new Dictionary<string, string?>
    {
        ["TokenThrottle:PerAddressLimit"] = "3",
        ["TokenThrottle:PerAddressWindow"] = "00:10:00",
    });

    [Fact]
    public async Task Wrong_secrets_from_one_address_get_429_there_while_the_right_secret_from_another_address_still_gets_a_token()
    {
        await using var portal = TightPortal();
        var attacker = new CommandApiClient(portal.ClientFrom("127.0.0.2"));

        var failures = new List<HttpResponseMessage>();
        for (var guess = 0; guess < 5; guess++)
        {
            failures.Add(await attacker.RequestTokenAsync(CommandApiClient.FullAccess, $"wrong-secret-{guess}"));
        }
        // Refused before the secret is looked at: the right secret from there waits too.
        var rightSecretFromThere = await attacker.RequestTokenAsync(CommandApiClient.FullAccess, CommandApiClient.FullSecret);
        var elsewhere = await new CommandApiClient(portal.ClientFrom("127.0.0.3")).SignedInAsync();

        failures.Take(3).ShouldAllBe(response => response.StatusCode == HttpStatusCode.Unauthorized);
        foreach (var refused in failures.Skip(3).Append(rightSecretFromThere))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(190, 200);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            body.RootElement.GetProperty("error").GetString().ShouldBe("temporarily_unavailable");
            body.RootElement.GetProperty("error_description").GetString().ShouldNotBeNull().ShouldStartWith("Too many failed client authentications from this address. Try again in ");
        }
        (await elsewhere.GenerateAsync()).ShouldBeSessionKey();
    }

    [Fact]
    public async Task Successful_token_requests_spend_nothing()
    {
        await using var portal = TightPortal();
        var client = new CommandApiClient(portal.ClientFrom("127.0.0.4"));

        for (var request = 0; request < 6; request++)
        {
            (await client.RequestTokenAsync(CommandApiClient.FullAccess, CommandApiClient.FullSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Theory]
    [InlineData("TokenThrottle:PerAddressLimit", "0")]
    [InlineData("TokenThrottle:PerAddressWindow", "00:00:00")]
    public async Task The_host_refuses_a_bad_token_throttle_setting_and_names_it(string setting, string value)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { [setting] = value });

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain(setting);
    }
}
