using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// The appliance's command API over the named <see cref="HttpClientName"/> client, whose resilience pipeline
/// bounds every request by <see cref="ApplianceOptions.TimeoutSeconds"/> and retries only GET requests
/// (see <see cref="ApplianceServiceCollectionExtensions"/>). <c>generate_session_key</c> is a form POST, so a
/// key request is never sent twice by a retry. A 401 fetches a new token and sends the request once more:
/// the appliance refused it unread, so it issued nothing.
/// </summary>
public sealed class ApplianceClient(IHttpClientFactory httpClients, ApplianceTokens tokens, IOptions<ApplianceOptions> options)
{
    public const string HttpClientName = "Appliance";

    /// <summary>Form POST <c>generate_session_key</c> with <paramref name="parameters"/> (everything but <c>action</c>).</summary>
    public async Task<ApplianceSessionKey> GenerateSessionKeyAsync(IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        ApplianceXml.ReadSessionKey(await CommandAsync(HttpMethod.Post, "generate_session_key", parameters, cancellationToken));

    /// <summary><c>get_support_teams</c> with members.</summary>
    public async Task<IReadOnlyList<ApplianceTeam>> GetSupportTeamsAsync(CancellationToken cancellationToken) =>
        ApplianceXml.ReadSupportTeams(await CommandAsync(HttpMethod.Get, "get_support_teams", [new("showmembers", "1")], cancellationToken));

    public async Task<IReadOnlyList<ApplianceLogin>> GetLoggedInRepsAsync(CancellationToken cancellationToken) =>
        ApplianceXml.ReadLoggedInReps(await CommandAsync(HttpMethod.Get, "get_logged_in_reps", [], cancellationToken));

    public async Task<ApplianceApiInfo> GetApiInfoAsync(CancellationToken cancellationToken) =>
        ApplianceXml.ReadApiInfo(await CommandAsync(HttpMethod.Get, "get_api_info", [], cancellationToken));

    private async Task<XDocument> CommandAsync(HttpMethod method, string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var fields = new List<KeyValuePair<string, string>> { new("action", action) };
        fields.AddRange(parameters);

        var token = await tokens.GetAsync(cancellationToken);
        var (status, body) = await SendCommandAsync(method, fields, token, settings, cancellationToken);
        if (status == HttpStatusCode.Unauthorized)
        {
            tokens.Reject(token);
            token = await tokens.GetAsync(cancellationToken);
            (status, body) = await SendCommandAsync(method, fields, token, settings, cancellationToken);
            if (status == HttpStatusCode.Unauthorized)
            {
                throw new ApplianceException(ApplianceFailureKind.Unauthorized,
                    $"The appliance at {Host(settings)} refused a new token of API account '{settings.ClientId}' for {action}.");
            }
        }
        if (status != HttpStatusCode.OK)
        {
            var detail = TryParse(body) is { } errorDocument && ApplianceXml.FindError(errorDocument) is { } message ? $": {message}" : "";
            throw new ApplianceException(ApplianceFailureKind.HttpStatus,
                $"The appliance at {Host(settings)} answered {action} with HTTP {((int)status).ToString(CultureInfo.InvariantCulture)}{detail}.");
        }

        var document = ApplianceXml.Parse(body);
        if (ApplianceXml.FindError(document) is { } error)
        {
            throw new ApplianceException(ApplianceFailureKind.Refused, error);
        }
        return document;
    }

    private Task<(HttpStatusCode Status, string Body)> SendCommandAsync(HttpMethod method, List<KeyValuePair<string, string>> fields, string token,
        ApplianceOptions settings, CancellationToken cancellationToken)
    {
        var request = method == HttpMethod.Post
            ? new HttpRequestMessage(HttpMethod.Post, "api/command") { Content = new FormUrlEncodedContent(fields) }
            : new HttpRequestMessage(HttpMethod.Get, "api/command?" + QueryString(fields));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAndDisposeAsync(request);

        async Task<(HttpStatusCode, string)> SendAndDisposeAsync(HttpRequestMessage message)
        {
            using (message)
            {
                return await SendAsync(httpClients, message, settings, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Sends one request through the resilience pipeline and reads the whole body, turning every transport
    /// failure into an <see cref="ApplianceException"/> whose message an agent can act on.
    /// </summary>
    internal static async Task<(HttpStatusCode Status, string Body)> SendAsync(IHttpClientFactory httpClients, HttpRequestMessage request,
        ApplianceOptions settings, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (TimeoutRejectedException ex)
        {
            throw TimedOut(settings, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, the backstop for a body that trickles in after the headers.
            throw TimedOut(settings, ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ApplianceException(ApplianceFailureKind.Paused,
                $"The appliance at {Host(settings)} failed repeatedly, so requests to it are paused for a few seconds.", ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new ApplianceException(ApplianceFailureKind.Paused, $"Too many requests to the appliance at {Host(settings)} are waiting.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ApplianceException(ApplianceFailureKind.Unreachable,
                $"The appliance at {Host(settings)} does not answer ({Innermost(ex).Message.TrimEnd('.')}).", ex);
        }
    }

    /// <summary>The appliance's scheme-less address for messages.</summary>
    internal static string Host(ApplianceOptions settings) => settings.GetBaseUri()?.Authority ?? settings.BaseUrl ?? "(no Appliance:BaseUrl)";

    private static ApplianceException TimedOut(ApplianceOptions settings, Exception inner) =>
        new(ApplianceFailureKind.TimedOut,
            $"The appliance at {Host(settings)} did not answer within {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} second{(settings.TimeoutSeconds == 1 ? "" : "s")}.", inner);

    private static XDocument? TryParse(string body)
    {
        try
        {
            return ApplianceXml.Parse(body);
        }
        catch (ApplianceException)
        {
            return null;
        }
    }

    private static string QueryString(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (query.Length > 0) query.Append('&');
            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return query.ToString();
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
