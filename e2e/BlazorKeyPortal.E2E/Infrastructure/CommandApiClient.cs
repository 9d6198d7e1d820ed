using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>The command API as an API account uses it: a client-credentials token from <c>/oauth2/token</c>, then XML commands.</summary>
public sealed class CommandApiClient(Uri portal) : IDisposable
{
    public static readonly XNamespace Command = "https://www.beyondtrust.com/namespaces/API/command";

    private readonly HttpClient _http = new() { BaseAddress = portal };

    /// <summary>Signs in as the API account <paramref name="clientId"/>.</summary>
    public async Task<CommandApiClient> SignInAsync(string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        return this;
    }

    /// <summary>Asks for a support session key; the answer's root is a <c>session_key</c> or an <c>error</c>.</summary>
    public async Task<XElement> GenerateSessionKeyAsync(string parameters)
    {
        var xml = await _http.GetStringAsync($"/api/command?action=generate_session_key&type=support&{parameters}");
        return XDocument.Parse(xml).Root!;
    }

    public void Dispose() => _http.Dispose();
}
