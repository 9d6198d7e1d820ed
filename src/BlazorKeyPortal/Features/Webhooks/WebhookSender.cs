using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>The outcome of one attempt: success is a 2xx answer; anything else, or no answer, is a failure.</summary>
public sealed record AttemptOutcome(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration);

/// <summary>
/// Posts one signed event to one recipient. Redirects are not followed (a 3xx is a failure: a receiver that moved is
/// reconfigured by an administrator, not by whoever answers at the old address), and each attempt ends after
/// <see cref="WebhookOptions.AttemptTimeout"/> on the portal's clock.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "Webhooks";
    public const string EventIdHeader = "webhook-id";

    /// <summary>The handler of <see cref="HttpClientName"/>: no redirects, no cookies, no proxy credentials.</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public async Task<AttemptOutcome> SendAsync(string url, string secret, string eventId, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body, Encoding.UTF8, CloudEventBody.ContentType),
            };
            // A structured CloudEvent's media type has no charset parameter in the specification's examples; receivers match it exactly.
            request.Content.Headers.ContentType!.CharSet = null;
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, time.GetUtcNow(), body));
            request.Headers.TryAddWithoutValidation(EventIdHeader, eventId);
            var client = clients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response.IsSuccessStatusCode) return new AttemptOutcome(true, status, null, elapsed);
            var error = status is >= 300 and < 400
                ? $"Redirect to {response.Headers.Location?.ToString() ?? "nowhere"} not followed."
                : $"HTTP {status} {response.ReasonPhrase}";
            return new AttemptOutcome(false, status, Shorten(error), elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, $"No answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s.", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(false, null, Shorten(ex.Message), Stopwatch.GetElapsedTime(started));
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500];
}
