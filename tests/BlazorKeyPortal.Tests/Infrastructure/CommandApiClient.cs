using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using System.Xml.Linq;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>Speaks to the portal as an integration does: a token from /oauth2/token, then /api/command.</summary>
public sealed class CommandApiClient(HttpClient http)
{
    public static readonly XNamespace Ns = "https://www.beyondtrust.com/namespaces/API/command";

    public const string FullAccess = "demo-full-access";
    public const string FullSecret = "demo-full-secret";
    public const string ReadOnly = "demo-read-only";
    public const string ReadSecret = "demo-read-secret";
    public const string Deny = "demo-deny";
    public const string DenySecret = "demo-deny-secret";

    public HttpClient Http => http;

    /// <summary>A token by the Basic header (the documented way).</summary>
    public async Task<string> TokenAsync(string clientId = FullAccess, string secret = FullSecret)
    {
        var response = await RequestTokenAsync(clientId, secret);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return http.SendAsync(request);
    }

    /// <summary>Authenticates as the demo full-access account and returns this client.</summary>
    public async Task<CommandApiClient> SignedInAsync(string clientId = FullAccess, string secret = FullSecret)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(clientId, secret));
        return this;
    }

    /// <summary>GET /api/command with a raw query string (as written in the source document).</summary>
    public async Task<CommandResult> GetAsync(string query)
    {
        var response = await http.GetAsync($"/api/command?{query}");
        return await CommandResult.ReadAsync(response);
    }

    /// <summary>Form POST /api/command.</summary>
    public async Task<CommandResult> PostAsync(params (string Name, string Value)[] form)
    {
        var response = await http.PostAsync("/api/command", new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))));
        return await CommandResult.ReadAsync(response);
    }

    /// <summary>generate_session_key with extra parameters appended to the required ones.</summary>
    public Task<CommandResult> GenerateAsync(string parameters = "queue_id=general") =>
        GetAsync($"action=generate_session_key&type=support&{parameters}");

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}

/// <summary>A command reply: status, content type, body and its XML.</summary>
public sealed record CommandResult(HttpStatusCode Status, string? ContentType, string Body)
{
    public XDocument Xml => XDocument.Parse(Body);

    public bool IsError => Xml.Root!.Name.LocalName == "error";

    public string Error => IsError ? Xml.Root!.Value : throw new ShouldAssertException($"Expected an <error>, got:\n{Body}");

    public string Element(string name) => Xml.Root!.Element(CommandApiClient.Ns + name)?.Value
        ?? throw new ShouldAssertException($"No <{name}> in:\n{Body}");

    public string? ElementOrNull(string name) => Xml.Root!.Element(CommandApiClient.Ns + name)?.Value;

    /// <summary>Asserts a session_key document and returns this result.</summary>
    public CommandResult ShouldBeSessionKey()
    {
        Status.ShouldBe(HttpStatusCode.OK);
        Xml.Root!.Name.ShouldBe(CommandApiClient.Ns + "session_key", Body);
        return this;
    }

    public static async Task<CommandResult> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
}
