using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>
/// Ten thousand generated malformed requests to /api/command, /oauth2/token and /api/start_session: none may get a 5xx or crash the portal, and every one gets a
/// specific answer (a well-formed document whose error names the problem, or a documented status).
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.FuzzPortal portal) : IClassFixture<MalformedRequestTests.FuzzPortal>
{
    /// <summary>
    /// Failure budgets large enough that every generated start_session request reaches the parser; the budgets
    /// themselves are tested in Features/Redemption.
    /// </summary>
    public sealed class FuzzPortal : PortalFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["FailedRedemptions:PerAddressLimit"] = "100000",
            ["FailedRedemptions:GlobalLimit"] = "100000",
        };
    }

    private const int CommandRequests = 6_000;
    private const int TokenRequests = 2_000;
    private const int StartSessionRequests = 2_000;

    [Fact]
    public async Task Six_thousand_malformed_command_requests_get_specific_answers_and_no_server_error()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(portal.CreateClient()).TokenAsync());
        var generator = new MalformedRequestGenerator(seed: 20261130);
        var failures = new List<string>();

        for (var i = 0; i < CommandRequests && failures.Count < 10; i++)
        {
            var (description, response) = await SendCommandAsync(client, generator);
            var body = await response.Content.ReadAsStringAsync();
            var problem = JudgeCommand(response, body);
            if (problem is not null) failures.Add($"#{i} {description}: {problem}\n{Truncate(body)}");
        }

        failures.ShouldBeEmpty();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_thousand_malformed_token_requests_get_oauth_errors_and_no_server_error()
    {
        var client = portal.CreateClient();
        var generator = new MalformedRequestGenerator(seed: 7);
        var failures = new List<string>();
        string[] grants = ["client_credentials", "password", "authorization_code", "", "client_credentials\0", "CLIENT_CREDENTIALS"];
        string[] secrets = ["demo-full-secret", "", "x", new string('s', 5000), "%FF", "demo-full-secret\n"];
        string[] clients = ["demo-full-access", "", "nobody", "demo-full-access:extra", "<client>", new string('c', 3000)];

        for (var i = 0; i < TokenRequests && failures.Count < 10; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token");
            var fields = new List<KeyValuePair<string, string>> { new("grant_type", grants[generator.Next(grants.Length)]) };
            var clientId = clients[generator.Next(clients.Length)];
            var secret = secrets[generator.Next(secrets.Length)];
            var credentialsSent = false;
            switch (generator.Next(4))
            {
                case 0: request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"))); credentialsSent = true; break;
                case 1: fields.Add(new("client_id", clientId)); fields.Add(new("client_secret", secret)); credentialsSent = true; break;
                case 2: request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64"); break;
                default: fields.AddRange(generator.Form()); break;
            }
            request.Content = generator.Next(8) == 0 ? new ByteArrayContent(generator.RawBody()) : new FormUrlEncodedContent(fields);
            if (request.Content is ByteArrayContent and not FormUrlEncodedContent)
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // Only the demo account's own secret may get a token, and a success must be a real token.
            var wellFormed = credentialsSent && clientId == "demo-full-access" && secret == "demo-full-secret";
            if ((int)response.StatusCode >= 500) failures.Add($"#{i}: {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 1500)]}");
            else if (response.StatusCode == HttpStatusCode.OK && (!wellFormed || !body.Contains("\"access_token\"", StringComparison.Ordinal)))
                failures.Add($"#{i}: 200 for a request that should have failed, or without a token (grant '{fields[0].Value}', client '{Truncate(clientId)}', secret '{Truncate(secret)}', credentials sent: {credentialsSent})\n{Truncate(body)}");
            else if (response.StatusCode != HttpStatusCode.OK && !body.Contains("\"error\"", StringComparison.Ordinal))
                failures.Add($"#{i}: {(int)response.StatusCode} without an OAuth error\n{Truncate(body)}");
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_thousand_malformed_start_session_requests_get_specific_answers_and_no_server_error()
    {
        var client = portal.CreateClient();
        var generator = new MalformedRequestGenerator(seed: 4242);
        var failures = new List<string>();
        string[] keys = ["", "1234567", "123 4567", "12-34-567", "abcdefg", "%00%00", "9999999999", "<short_key>", "%FF%FE%FD"];

        for (var i = 0; i < StartSessionRequests && failures.Count < 10; i++)
        {
            var shortKey = "short_key=" + keys[generator.Next(keys.Length)];
            var customer = generator.Next(3) switch
            {
                0 => "&customer.name=" + Uri.EscapeDataString(new string('n', 90 + generator.Next(30))),
                1 => "&customer.company=%3Cscript%3E&customer.company_code=%00",
                _ => "",
            };
            var response = generator.Next(2) == 0
                ? await client.GetAsync($"/api/start_session?{shortKey}{customer}&{generator.Query()}")
                : await client.PostAsync("/api/start_session", new FormUrlEncodedContent(generator.Form()));
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"#{i}: {status}\n{Truncate(body)}");
            else if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"#{i}: unexpected status {status}\n{Truncate(body)}");
            else
            {
                try
                {
                    var root = XDocument.Parse(body).Root!;
                    if (root.Name.LocalName == "error" && root.Value.Length < 10) failures.Add($"#{i}: vague error '{root.Value}'");
                    // No key in the list is live, so nothing here may start a session.
                    else if (root.Name.LocalName != "error") failures.Add($"#{i}: <{root.Name.LocalName}> where an <error> was due\n{Truncate(body)}");
                }
                catch (System.Xml.XmlException ex) { failures.Add($"#{i}: not well-formed XML: {ex.Message}\n{Truncate(body)}"); }
            }
        }

        failures.ShouldBeEmpty();
    }

    private static async Task<(string Description, HttpResponseMessage Response)> SendCommandAsync(HttpClient client, MalformedRequestGenerator generator)
    {
        switch (generator.Next(6))
        {
            case 0:
            {
                var fields = generator.Form();
                return ($"POST form {fields.Count} fields", await client.PostAsync("/api/command", new FormUrlEncodedContent(fields)));
            }
            case 1:
            {
                var content = new ByteArrayContent(generator.RawBody());
                content.Headers.ContentType = new MediaTypeHeaderValue(generator.Next(2) == 0 ? "application/x-www-form-urlencoded" : "application/json");
                return ("POST raw body", await client.PostAsync("/api/command?" + generator.Query(), content));
            }
            case 2:
            {
                using var multipart = new MultipartFormDataContent { { new StringContent("generate_session_key"), "action" } };
                return ("POST multipart", await client.PostAsync("/api/command", multipart));
            }
            case 3:
                return ("PUT", await client.PutAsync("/api/command?" + generator.Query(), new StringContent("x")));
            default:
            {
                var query = generator.Query();
                return ($"GET ?{Truncate(query)}", await client.GetAsync("/api/command?" + query));
            }
        }
    }

    /// <summary>Null when the reply is acceptable, else what is wrong with it.</summary>
    private static string? JudgeCommand(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"server error {status}";
        if (response.StatusCode == HttpStatusCode.MethodNotAllowed) return null; // PUT: the route is GET and POST only
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized)) return $"unexpected status {status}";

        XDocument xml;
        try { xml = XDocument.Parse(body); }
        catch (System.Xml.XmlException ex) { return $"not well-formed XML: {ex.Message}"; }
        var root = xml.Root!.Name.LocalName;
        if (root == "error")
        {
            var message = xml.Root.Value;
            if (message.Length < 10 && message != "Invalid action") return $"error too vague: '{message}'";
            return null;
        }
        return root is "session_key" or "logged_in_reps" or "support_teams" or "api_information" ? null : $"unexpected root <{root}>";
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
