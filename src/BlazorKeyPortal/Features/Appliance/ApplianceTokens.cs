using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// The portal's bearer token for the appliance (OAuth2 client credentials at <c>/oauth2/token</c>), kept until
/// shortly before it expires. An API account holds at most 30 live tokens and a 31st revokes the oldest, so
/// fetching one per request would revoke the tokens of the account's other users.
/// </summary>
public sealed class ApplianceTokens(IHttpClientFactory httpClients, IOptions<ApplianceOptions> options, TimeProvider time) : IDisposable
{
    /// <summary>Lifetime assumed when the token response names none; appliances issue one-hour tokens.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>A token is renewed this long before it expires (at most a tenth of its lifetime), so no request carries one that is about to lapse.</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly Lock _gate = new();
    private CachedToken? _current;

    /// <summary>The cached token, or a new one when there is none or it is about to expire.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Usable() is { } token) return token;
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched one while this one waited.
            if (Usable() is { } fetched) return fetched;
            var next = await FetchAsync(cancellationToken);
            lock (_gate) _current = next;
            return next.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="token"/> after the appliance refused it (revoked, or its secret regenerated), so the
    /// next <see cref="GetAsync"/> fetches a new one. A newer token that another caller already fetched is kept.
    /// </summary>
    public void Reject(string token)
    {
        lock (_gate)
        {
            if (_current?.Value == token) _current = null;
        }
    }

    public void Dispose() => _fetching.Dispose();

    private string? Usable()
    {
        lock (_gate)
        {
            return _current is { } cached && time.GetUtcNow() < cached.RenewAt ? cached.Value : null;
        }
    }

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        // Exactly as the appliance documents it: base64(client_id:client_secret).
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}")));

        var (status, body) = await ApplianceClient.SendAsync(httpClients, request, settings, cancellationToken);
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ApplianceException(ApplianceFailureKind.Unauthorized,
                $"The appliance at {ApplianceClient.Host(settings)} refused the portal's API credentials (Appliance:ClientId '{settings.ClientId}'){Reason(body)}.");
        }
        if (status != HttpStatusCode.OK)
        {
            throw new ApplianceException(ApplianceFailureKind.HttpStatus,
                $"The appliance at {ApplianceClient.Host(settings)} answered the token request with HTTP {((int)status).ToString(CultureInfo.InvariantCulture)}.");
        }

        var now = time.GetUtcNow();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var token = root.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new ApplianceException(ApplianceFailureKind.Malformed, $"The appliance at {ApplianceClient.Host(settings)} answered the token request without an access_token.");
            }
            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            var margin = TimeSpan.FromTicks(Math.Min(RenewalMargin.Ticks, lifetime.Ticks / 10));
            return new CachedToken(token, now + lifetime - margin);
        }
        catch (JsonException ex)
        {
            throw new ApplianceException(ApplianceFailureKind.Malformed, $"The appliance at {ApplianceClient.Host(settings)} answered the token request with something other than JSON.", ex);
        }
    }

    /// <summary>The OAuth2 error of a refused token request, for the message.</summary>
    private static string Reason(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "";
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            var description = root.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            return error is null ? "" : description is null ? $": {error}" : $": {error}, {description}";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
