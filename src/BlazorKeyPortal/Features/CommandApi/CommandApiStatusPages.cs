using BlazorKeyPortal.Features.ApiProtocol;

namespace BlazorKeyPortal.Features.CommandApi;

public static class CommandApiStatusPages
{
    /// <summary>
    /// A refused bearer token on <c>/api/command</c> answers with an <c>&lt;error&gt;</c> document, as every other command
    /// error does. Goes before <c>UsePortalStatusPages</c>, which leaves machine endpoints' status codes alone.
    /// </summary>
    public static WebApplication UseCommandApiStatusPages(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(CommandApiEndpoints.Path), api => api.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode == StatusCodes.Status401Unauthorized && !response.HasStarted)
            {
                response.ContentType = ApiXml.ContentType;
                await response.WriteAsync(ApiXml.Error("authentication failed: send a valid bearer token from /oauth2/token"));
            }
        }));
        return app;
    }
}
