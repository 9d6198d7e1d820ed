using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Redemption;
using BlazorKeyPortal.Features.Throttling;
using Microsoft.AspNetCore.Antiforgery;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// The pages of a public site. <c>GET /</c> is the key entry form, or with <c>?ak=</c> a key URL's landing page;
/// <c>POST /</c> redeems a typed short key for the site it was typed on; <c>POST /start</c> redeems a key URL for the
/// site of its url_hostname. Both forms carry an antiforgery token tied to the site's own cookie.
/// </summary>
public static class PublicSiteEndpoints
{
    public static IEndpointRouteBuilder MapPublicSites(this IEndpointRouteBuilder endpoints)
    {
        // Customers never sign in; explicit, so that a fallback policy of the portal's sign-in cannot close the sites.
        var pages = endpoints.MapGroup("").WithMetadata(PublicSitePageMetadata.Instance).AllowAnonymous();
        var tooManyAttempts = new RejectedAttemptReply(PublicPages.WriteTooManyAttemptsAsync);

        pages.MapGet("/", FrontPageAsync).WithName("PublicSiteFrontPage");
        pages.MapPost("/", EnterKeyAsync)
            .RequireRateLimiting(RedemptionRateLimits.ShortKeyPolicy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(), tooManyAttempts);
        pages.MapPost("/start", StartFromKeyUrlAsync)
            .RequireRateLimiting(RedemptionRateLimits.AccessKeyPolicy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(), tooManyAttempts);

        // The targets of the status-code and exception pages, so that they too keep a public site's look.
        pages.Map("/not-found", (HttpContext http, PublicText text) =>
            PublicPages.Message(StatusCodes.Status404NotFound, text.NotFoundHeading, text.NotFoundMessage));
        pages.Map("/Error", (HttpContext http, PublicText text) =>
            PublicPages.Message(StatusCodes.Status500InternalServerError, text.ErrorHeading, text.ErrorMessage));
        return endpoints;
    }

    private static async Task<IResult> FrontPageAsync(HttpContext http, RedemptionService redemption, string? ak, CancellationToken cancellationToken)
    {
        var site = PublicPage.SiteOf(http);
        if (!site.IsEnabled) return PublicPages.SiteClosed(http);
        if (ak is null) return PublicPages.KeyEntry(http);

        // Looking only: a GET never redeems.
        var failure = await redemption.CheckAccessKeyAsync(ak, cancellationToken);
        return PublicPages.Landing(http, ak, failure);
    }

    private static async Task<IResult> EnterKeyAsync(HttpContext http, RedemptionService redemption, PublicText text, CancellationToken cancellationToken)
    {
        var site = PublicPage.SiteOf(http);
        if (!site.IsEnabled) return PublicPages.SiteClosed(http);
        if (!IsGenuineForm(http)) return PublicPages.FormExpired(http);

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var request = new RedemptionRequest
        {
            ShortKey = form[StartSessionParameters.ShortKey],
            CustomerName = form[StartSessionParameters.CustomerName],
        };
        var outcome = await redemption.RedeemAsync(request, new RedemptionAttempt(RedemptionMethod.ShortKeyEntry, site, ClientAddress.Of(http)), cancellationToken);
        if (outcome.Session is { } session) return PublicPages.Started(session);
        if (outcome.RetryAfter is { } wait) return await TooManyAttemptsAsync(http, wait);
        return PublicPages.KeyEntry(http, text.Problem(outcome, request), request.ShortKey, request.CustomerName);
    }

    private static async Task<IResult> StartFromKeyUrlAsync(HttpContext http, RedemptionService redemption, PublicText text, CancellationToken cancellationToken)
    {
        var site = PublicPage.SiteOf(http);
        if (!site.IsEnabled) return PublicPages.SiteClosed(http);
        if (!IsGenuineForm(http)) return PublicPages.FormExpired(http);

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var accessKey = form[StartSessionParameters.AccessKey].ToString();
        var request = new RedemptionRequest { AccessKey = accessKey, CustomerName = form[StartSessionParameters.CustomerName] };
        // A key URL's session belongs to the site of its url_hostname, whichever hostname the customer is on.
        var outcome = await redemption.RedeemAsync(request, new RedemptionAttempt(RedemptionMethod.KeyUrl, EnteredOn: null, ClientAddress.Of(http)), cancellationToken);
        if (outcome.Session is { } session) return PublicPages.Started(session);
        if (outcome.RetryAfter is { } wait) return await TooManyAttemptsAsync(http, wait);
        // Invalid input (a name too long) keeps the button; a key that cannot be used does not.
        return PublicPages.Landing(http, accessKey, canStart: outcome.Failure is null, text.Problem(outcome, request), request.CustomerName);
    }

    /// <summary>A form post whose antiforgery token the middleware found valid (checked first: touching a refused form throws).</summary>
    private static bool IsGenuineForm(HttpContext http) =>
        http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true } && http.Request.HasFormContentType;

    private static async Task<IResult> TooManyAttemptsAsync(HttpContext http, TimeSpan wait)
    {
        await RejectedAttemptReply.WriteAsync(http, wait);
        return Results.Empty;
    }
}
