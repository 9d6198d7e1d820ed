using System.Globalization;
using System.Text.Json;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Throttling;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// Failed client authentications at the token endpoints, per client address. Each costs the server a PBKDF2
/// computation of the secret, so a refused address is answered before OpenIddict reads the request: 429 with
/// Retry-After and an OAuth error body. The account itself is never locked, so its owner's other addresses keep
/// getting tokens. A request that presents a secret is counted ahead (parallel requests cannot overrun the budget)
/// and given back unless its answer was <c>invalid_client</c>; so an address has at most the limit of such requests
/// in flight at once.
/// </summary>
public sealed class TokenRequestThrottle(IOptions<TokenThrottleOptions> options, TimeProvider time, IBudgetStore? shared = null)
{
    private static readonly object FailedKey = new();
    private static readonly PathString[] TokenPaths = [TokenEndpoint.Path, BuiltInProvider.TokenPath];

    private readonly FailureBudget _perAddress = new(options.Value.PerAddressLimit, options.Value.PerAddressWindow, time, shared, "token-address");

    internal async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !TokenPaths.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(http);
            return;
        }
        var client = ClientAddress.Of(http);
        // Only a request that presents a secret costs a PBKDF2 check, so only it is counted ahead; others (the portal's
        // own code exchange, a public client) are counted if they fail and never held up by parallel ones.
        var presentsSecret = await PresentsSecretAsync(http.Request);
        if ((presentsSecret ? _perAddress.TryTake(client.Partition) : _perAddress.RetryAfter(client.Partition)) is { } wait)
        {
            await RefuseAsync(http, wait);
            return;
        }
        var failed = false;
        try
        {
            await next(http);
            failed = http.Items.ContainsKey(FailedKey);
        }
        finally
        {
            if (presentsSecret && !failed) _perAddress.Refund(client.Partition);
            else if (!presentsSecret && failed) _perAddress.Spend(client.Partition);
        }
    }

    // Runs after the unreadable-form guard, so a form here can be read (and is read once: ASP.NET Core caches it).
    private static async Task<bool> PresentsSecretAsync(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
        || (request.HasFormContentType && (await request.ReadFormAsync(request.HttpContext.RequestAborted)).ContainsKey(Parameters.ClientSecret));

    /// <summary>An OpenIddict handler: marks a token response that refused the client's credentials, so its attempt stays counted.</summary>
    internal static ValueTask MarkFailedClientAuthentication(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (context.Response.Error == Errors.InvalidClient && context.Transaction.GetHttpRequest()?.HttpContext is { } http)
        {
            http.Items[FailedKey] = true;
        }
        return default;
    }

    private static Task RefuseAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = WaitText.Seconds(wait);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json;charset=UTF-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            // RFC 6749 has no code for "too many"; temporarily_unavailable is the registered one that says "try later".
            [Parameters.Error] = Errors.TemporarilyUnavailable,
            [Parameters.ErrorDescription] = $"Too many failed client authentications from this address. Try again in {seconds} seconds.",
        }), http.RequestAborted);
    }
}

public static class TokenRequestThrottleExtensions
{
    /// <summary>Refuses token requests from addresses with too many failed client authentications; before authentication, where OpenIddict checks secrets.</summary>
    public static IApplicationBuilder UseTokenRequestThrottle(this IApplicationBuilder app)
    {
        var throttle = app.ApplicationServices.GetRequiredService<TokenRequestThrottle>();
        return app.Use((http, next) => throttle.InvokeAsync(http, next));
    }
}
