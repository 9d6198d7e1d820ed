using System.Text.Json;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// OpenIddict reads a token request's form itself and lets a body it cannot decode (a NUL byte, too many
/// fields, a value over the size limit) escape as a server error. Reading the form first, here, turns
/// such a body into the OAuth error the client can act on; a readable form is cached and reused.
/// </summary>
public static class UnreadableFormGuard
{
    private static readonly PathString[] OAuthPaths = [TokenEndpoint.Path, "/connect"];

    public static IApplicationBuilder UseUnreadableFormGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType && OAuthPaths.Any(p => request.Path.StartsWithSegments(p)))
        {
            try
            {
                await request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.ContentType = "application/json;charset=UTF-8";
                await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["error"] = "invalid_request",
                    ["error_description"] = $"The form body cannot be read: {ex.Message}",
                }), http.RequestAborted);
                return;
            }
        }
        await next(http);
    });
}
