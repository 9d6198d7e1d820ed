using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.PublicSites;
using Microsoft.AspNetCore.Diagnostics;

namespace BlazorKeyPortal.Features.CommandApi;

public static class CommandApiEndpoints
{
    public const string Path = "/api/command";

    /// <summary><c>/api/command</c>, GET and form POST, for API accounts with a bearer token.</summary>
    public static IEndpointRouteBuilder MapCommandApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post],
                async (HttpContext http, CommandHandler handler, CancellationToken cancellationToken) =>
                {
                    var reply = await handler.HandleAsync(http, cancellationToken);
                    return (IResult)reply;
                })
            .RequireAuthorization(ApiAccessPolicies.CommandApi)
            .DisableAntiforgery()
            .ForMachineClients()
            .AnswersOnPublicSites()
            .WithName("CommandApi");
        return endpoints;
    }
}

public static class CommandApiStatusPages
{
    /// <summary>
    /// Portal pages get the friendly "not found" page; machine endpoints keep their own status codes, and a
    /// refused bearer token on <c>/api/command</c> answers with an <c>&lt;error&gt;</c> document as every other
    /// command error does.
    /// </summary>
    public static WebApplication UsePortalStatusPages(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(CommandApiEndpoints.Path), api => api.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode == StatusCodes.Status401Unauthorized && !response.HasStarted)
            {
                response.ContentType = CommandXml.ContentType;
                await response.WriteAsync(CommandXml.Error("authentication failed: send a valid bearer token from /oauth2/token"));
            }
        }));
        // Registered on the application itself: a UseWhen branch does not carry WebApplication's global route builder,
        // so a request re-executed from inside one is never routed again and its page stays empty.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (IsMachineEndpoint(http.Request.Path) && http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(http);
        });
        return app;
    }

    private static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth2") || path.StartsWithSegments("/health") || path.StartsWithSegments("/connect");
}

/// <summary>An XML reply and its HTTP status (200 for every command error, as appliances answer).</summary>
public sealed record CommandReply(string Xml, int StatusCode = StatusCodes.Status200OK) : IResult
{
    public static CommandReply Error(string message) => new(CommandXml.Error(message));

    /// <summary>Writes the header byte for byte as appliances do (<c>charset=UTF-8</c>, not lower-cased).</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = CommandXml.ContentType;
        return response.WriteAsync(Xml, System.Text.Encoding.UTF8, httpContext.RequestAborted);
    }
}
