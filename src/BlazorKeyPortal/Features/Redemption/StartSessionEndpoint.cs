using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.Throttling;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// <c>/api/start_session</c>: BeyondTrust's session generation API for a key, GET or form POST, without a token
/// (the key is the credential). Replies are XML in the command API's style: a <c>&lt;support_session&gt;</c>
/// document, or an <c>&lt;error&gt;</c> with HTTP 200 as command errors are; 429 with Retry-After after too many failures.
/// </summary>
public static class StartSessionEndpoint
{
    public const string Path = "/api/start_session";

    public static IEndpointRouteBuilder MapStartSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], StartAsync)
            .RequireRateLimiting(RedemptionRateLimits.ShortKeyPolicy)
            .WithMetadata(new RejectedAttemptReply(WriteTooManyAttemptsAsync))
            // No cookie or sign-in is involved, so there is no ambient authority for a forged request to borrow.
            .DisableAntiforgery()
            .AllowAnonymous()
            .ForMachineClients()
            .AnswersOnPublicSites()
            .WithName("StartSession");
        return endpoints;
    }

    private static async Task<IResult> StartAsync(HttpContext http, RedemptionService redemption, PublicSiteResolver sites, CancellationToken cancellationToken)
    {
        var (parameters, parameterError) = await ApiParameters.ReadAsync(http.Request, cancellationToken);
        if (parameters is null) return ApiReply.Error(parameterError!);
        var (request, conflict) = RedemptionRequest.From(parameters);
        if (request is null) return ApiReply.Error(conflict!);
        if (string.IsNullOrWhiteSpace(request.ShortKey)) return ApiReply.Error("short_key is required: the seven-character session key");

        // A code sent to a public site's hostname belongs to that site, as if typed on its front page; sent to the
        // portal's own hostname it belongs to the site of the key's url_hostname.
        var site = (await sites.ResolveAsync(http)).Site;
        var outcome = await redemption.RedeemAsync(request, new RedemptionAttempt(RedemptionMethod.Api, site, ClientAddress.Of(http)), cancellationToken);
        if (outcome.Session is { } session) return new ApiReply(SessionXml(session));
        if (outcome.RetryAfter is { } wait)
        {
            await RejectedAttemptReply.WriteAsync(http, wait);
            return Results.Empty;
        }
        return ApiReply.Error(outcome.Message);
    }

    private static Task WriteTooManyAttemptsAsync(HttpContext http, TimeSpan wait) =>
        new ApiReply(ApiXml.Error(RedemptionMessages.TooManyAttempts(wait)), StatusCodes.Status429TooManyRequests).ExecuteAsync(http);

    /// <summary>The reply to a started session: status, site, queue (as <c>generate_session_key</c> names it) and start time.</summary>
    public static string SessionXml(RedeemedSession session) => ApiXml.Write("support_session", w =>
    {
        w.WriteElementString("status", ApiXml.Namespace, "waiting");
        w.WriteElementString("site", ApiXml.Namespace, session.SiteName);
        w.WriteElementString("queue", ApiXml.Namespace, new QueueTarget(session.QueueKind, session.QueueId, null).KindName);
        if (session.QueueId is int queueId) w.WriteElementString("queue_id", ApiXml.Namespace, queueId.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("start_time", ApiXml.Namespace, session.StartedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    });
}
