using BlazorKeyPortal.Features.Redemption;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>The public pages as results: statically rendered components, each given its site and stylesheet nonce.</summary>
internal static class PublicPages
{
    public static IResult KeyEntry(HttpContext http, string? problem = null, string? shortKey = null, string? customerName = null) =>
        Render<KeyEntryPage>(http, StatusCodes.Status200OK, new()
        {
            [nameof(KeyEntryPage.Antiforgery)] = AntiforgeryTokens(http),
            [nameof(KeyEntryPage.Problem)] = problem,
            [nameof(KeyEntryPage.ShortKey)] = shortKey,
            [nameof(KeyEntryPage.CustomerName)] = customerName,
        });

    public static IResult Landing(HttpContext http, string accessKey, RedemptionFailure? failure) =>
        Landing(http, accessKey, failure is null, failure is { } reason ? RedemptionMessages.For(reason) : null, customerName: null);

    public static IResult Landing(HttpContext http, string accessKey, bool canStart, string? problem, string? customerName) =>
        Render<KeyLandingPage>(http, StatusCodes.Status200OK, new()
        {
            [nameof(KeyLandingPage.AccessKey)] = accessKey,
            [nameof(KeyLandingPage.CanStart)] = canStart,
            [nameof(KeyLandingPage.Antiforgery)] = canStart ? AntiforgeryTokens(http) : null,
            [nameof(KeyLandingPage.Problem)] = problem,
            [nameof(KeyLandingPage.CustomerName)] = customerName,
        });

    public static IResult Started(HttpContext http, RedeemedSession session) =>
        Render<SessionStartedPage>(http, StatusCodes.Status200OK, new() { [nameof(SessionStartedPage.Session)] = session });

    public static IResult Message(HttpContext http, int statusCode, string heading, string message) =>
        Render<PublicMessagePage>(http, statusCode, new()
        {
            [nameof(PublicMessagePage.Heading)] = heading,
            [nameof(PublicMessagePage.Message)] = message,
        });

    public static IResult SiteClosed(HttpContext http) =>
        Message(http, StatusCodes.Status503ServiceUnavailable, "Site closed", RedemptionMessages.For(RedemptionFailure.SiteClosed));

    public static IResult FormExpired(HttpContext http) =>
        Message(http, StatusCodes.Status400BadRequest, "Please try again",
            "This form was open too long or was sent from somewhere else, so it was not accepted. Go back to the start page and send it again.");

    /// <summary>The body of a 429 on a public page (status and Retry-After are already set).</summary>
    public static Task WriteTooManyAttemptsAsync(HttpContext http, TimeSpan retryAfter) =>
        Message(http, StatusCodes.Status429TooManyRequests, "Too many attempts", RedemptionMessages.TooManyAttempts(retryAfter)).ExecuteAsync(http);

    // Issued per page: the token pairs with a cookie of the site's own hostname, never with the portal's sign-in.
    private static AntiforgeryTokenSet AntiforgeryTokens(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);

    private static RazorComponentResult<TPage> Render<TPage>(HttpContext http, int statusCode, Dictionary<string, object?> parameters) where TPage : IComponent
    {
        parameters[nameof(KeyEntryPage.Page)] = PublicPage.Of(http);
        return new RazorComponentResult<TPage>(parameters) { StatusCode = statusCode, PreventStreamingRendering = true };
    }
}
