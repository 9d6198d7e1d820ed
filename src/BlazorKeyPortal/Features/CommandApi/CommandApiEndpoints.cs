using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.PublicSites;

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
