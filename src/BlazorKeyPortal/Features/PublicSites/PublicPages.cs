using BlazorKeyPortal.Features.Redemption;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// The public pages as results: statically rendered components, each given its site, the site's texts in the
/// request's language and the stylesheet nonce.
/// </summary>
internal static class PublicPages
{
    public static IResult KeyEntry(HttpContext http, string? problem = null, string? shortKey = null, string? customerName = null) =>
        new PageResult<KeyEntryPage>(StatusCodes.Status200OK, new()
        {
            [nameof(KeyEntryPage.Antiforgery)] = AntiforgeryTokens(http),
            [nameof(KeyEntryPage.Problem)] = problem,
            [nameof(KeyEntryPage.ShortKey)] = shortKey,
            [nameof(KeyEntryPage.CustomerName)] = customerName,
        });

    public static IResult Landing(HttpContext http, string accessKey, RedemptionFailure? failure) =>
        Landing(http, accessKey, failure is null, failure is { } reason ? TextOf(http).For(reason) : null, customerName: null);

    public static IResult Landing(HttpContext http, string accessKey, bool canStart, string? problem, string? customerName) =>
        new PageResult<KeyLandingPage>(StatusCodes.Status200OK, new()
        {
            [nameof(KeyLandingPage.AccessKey)] = accessKey,
            [nameof(KeyLandingPage.CanStart)] = canStart,
            [nameof(KeyLandingPage.Antiforgery)] = canStart ? AntiforgeryTokens(http) : null,
            [nameof(KeyLandingPage.Problem)] = problem,
            [nameof(KeyLandingPage.CustomerName)] = customerName,
        });

    public static IResult Started(RedeemedSession session) =>
        new PageResult<SessionStartedPage>(StatusCodes.Status200OK, new() { [nameof(SessionStartedPage.Session)] = session });

    public static IResult Message(int statusCode, string heading, string message) =>
        new PageResult<PublicMessagePage>(statusCode, new()
        {
            [nameof(PublicMessagePage.Heading)] = heading,
            [nameof(PublicMessagePage.Message)] = message,
        });

    public static IResult SiteClosed(HttpContext http) =>
        Message(StatusCodes.Status503ServiceUnavailable, TextOf(http).SiteClosedHeading, TextOf(http).SiteClosedMessage);

    public static IResult FormExpired(HttpContext http) =>
        Message(StatusCodes.Status400BadRequest, TextOf(http).FormExpiredHeading, TextOf(http).FormExpiredMessage);

    /// <summary>The body of a 429 on a public page (status and Retry-After are already set).</summary>
    public static Task WriteTooManyAttemptsAsync(HttpContext http, TimeSpan retryAfter) =>
        Message(StatusCodes.Status429TooManyRequests, TextOf(http).TooManyAttemptsHeading, TextOf(http).TooManyAttempts(retryAfter)).ExecuteAsync(http);

    private static PublicText TextOf(HttpContext http) => http.RequestServices.GetRequiredService<PublicText>();

    // Issued per page: the token pairs with a cookie of the site's own hostname, never with the portal's sign-in.
    private static AntiforgeryTokenSet AntiforgeryTokens(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);

    /// <summary>A page whose context (the site's texts in the request's language) is looked up when it is written.</summary>
    private sealed class PageResult<TPage>(int statusCode, Dictionary<string, object?> parameters) : IResult where TPage : IComponent
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            parameters[nameof(KeyEntryPage.Page)] = await PublicPage.OfAsync(httpContext);
            await new RazorComponentResult<TPage>(parameters) { StatusCode = statusCode, PreventStreamingRendering = true }.ExecuteAsync(httpContext);
        }
    }
}
