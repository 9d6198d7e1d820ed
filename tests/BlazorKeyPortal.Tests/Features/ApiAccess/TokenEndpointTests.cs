using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.ApiAccess;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Client_credentials_in_a_basic_header_get_a_one_hour_bearer_token()
    {
        await using var portal = new PortalFactory();
        var api = new CommandApiClient(portal.CreateClient());

        var response = await api.RequestTokenAsync(CommandApiClient.FullAccess, CommandApiClient.FullSecret);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.RootElement.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        json.RootElement.GetProperty("access_token").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Client_credentials_in_form_fields_work_too()
    {
        await using var portal = new PortalFactory();
        var client = portal.CreateClient();

        var response = await client.PostAsync("/oauth2/token", new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("client_id", CommandApiClient.FullAccess), new("client_secret", CommandApiClient.FullSecret)]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("demo-full-access", "wrong-secret")]
    [InlineData("nobody", "demo-full-secret")]
    public async Task Wrong_credentials_get_no_token(string clientId, string secret)
    {
        await using var portal = new PortalFactory();

        var response = await new CommandApiClient(portal.CreateClient()).RequestTokenAsync(clientId, secret);

        // RFC 6749 §5.2: invalid_client after Basic authentication is a 401.
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task A_token_stops_working_when_its_hour_is_over()
    {
        await using var portal = new PortalFactory();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync()).ShouldBeSessionKey();

        portal.Clock.Advance(TimeSpan.FromSeconds(3601));

        (await api.GenerateAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Issuing_a_31st_token_revokes_the_oldest_and_keeps_30_alive()
    {
        await using var portal = new PortalFactory();
        var api = new CommandApiClient(portal.CreateClient());
        var tokens = new List<string>();
        for (var i = 0; i < 31; i++)
        {
            tokens.Add(await api.TokenAsync());
            portal.Clock.Advance(TimeSpan.FromSeconds(1)); // distinct issue times, as in real use
        }

        (await CallWith(portal, tokens[0])).ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var token in tokens.Skip(1))
        {
            (await CallWith(portal, token)).ShouldBe(HttpStatusCode.OK);
        }
        var live = await portal.Get<BlazorKeyPortal.Features.ApiAccess.ApiTokenLimit>().LiveTokensAsync(CommandApiClient.FullAccess, CancellationToken.None);
        live.Count.ShouldBe(30);
    }

    [Fact]
    public async Task Tokens_issued_within_one_second_are_revoked_oldest_first()
    {
        await using var portal = new PortalFactory();
        var api = new CommandApiClient(portal.CreateClient());
        var tokens = new List<string>();
        // The clock stands still: every token carries the same creation second.
        for (var i = 0; i < 40; i++)
        {
            tokens.Add(await api.TokenAsync());
        }

        var refused = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (await CallWith(portal, tokens[i]) != HttpStatusCode.OK) refused.Add(i);
        }
        refused.ShouldBe(Enumerable.Range(0, 10).ToList());
    }

    [Fact]
    public async Task Regenerating_the_secret_makes_every_existing_token_fail_with_401()
    {
        await using var portal = new PortalFactory();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync()).ShouldBeSessionKey();

        var secret = await portal.Get<BlazorKeyPortal.Features.ApiAccess.ApiAccountProvisioner>().RegenerateSecretAsync("user:admin", CommandApiClient.FullAccess);

        (await api.GenerateAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await new CommandApiClient(portal.CreateClient()).RequestTokenAsync(CommandApiClient.FullAccess, CommandApiClient.FullSecret)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await new CommandApiClient(portal.CreateClient()).SignedInAsync(CommandApiClient.FullAccess, secret)).GenerateAsync()).ShouldBeSessionKey();
    }

    private static async Task<HttpStatusCode> CallWith(PortalFactory portal, string token)
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/command?action=get_api_info")).StatusCode;
    }
}
