using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.ReverseProxy;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.CommandApi;

/// <summary>
/// Answers one command request: who is calling (the token's API account, its network and permission),
/// which action, and the action's XML.
/// </summary>
public sealed class CommandHandler(
    PortalCatalog catalog,
    SessionKeyService sessionKeys,
    IRepresentativeLogins logins,
    SupportSessionCounts sessionCounts,
    PortalPublicOrigin publicOrigin,
    TimeProvider time)
{
    public const string ApiVersion = "1.24.0";

    public async Task<ApiReply> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var account = ApiCaller.Resolve(http.User, snapshot);
        if (account is null || !account.IsEnabled)
        {
            // The token outlived its account (removed or disabled): treat it as no token at all.
            return new ApiReply(ApiXml.Error("the API account of this token does not exist or is disabled"), StatusCodes.Status401Unauthorized);
        }
        if (!account.Allows(http.Connection.RemoteIpAddress))
        {
            return ApiReply.Error($"API account '{account.ClientId}' may not be used from {http.Connection.RemoteIpAddress}");
        }

        var (parameters, parameterError) = await ApiParameters.ReadAsync(http.Request, cancellationToken);
        if (parameters is null) return ApiReply.Error(parameterError!);

        var action = parameters[ParameterNames.Action];
        var required = action switch
        {
            "generate_session_key" => CommandPermission.FullAccess,
            "get_logged_in_reps" or "get_support_teams" or "get_api_info" => CommandPermission.ReadOnly,
            _ => (CommandPermission?)null,
        };
        if (required is null) return ApiReply.Error("Invalid action");
        if (account.Permission < required)
        {
            return ApiReply.Error(required == CommandPermission.FullAccess
                ? $"API account '{account.ClientId}' needs full access to the command API for {action}"
                : $"API account '{account.ClientId}' has no access to the command API");
        }

        return action switch
        {
            "generate_session_key" => await GenerateAsync(http, parameters, account, cancellationToken),
            "get_logged_in_reps" => new ApiReply(CommandXml.LoggedInReps(snapshot, logins.LoggedInReps(snapshot),
                await sessionCounts.ActiveByRepAsync(cancellationToken))),
            "get_support_teams" => new ApiReply(CommandXml.SupportTeams(snapshot, parameters["showmembers"] == "1")),
            _ => new ApiReply(CommandXml.ApiInformation(ApiVersion, time.GetUtcNow(), PermissionName(account.Permission))),
        };
    }

    private async Task<ApiReply> GenerateAsync(HttpContext http, ApiParameters parameters, ApiAccountInfo account, CancellationToken cancellationToken)
    {
        var (request, conflict) = parameters.ToSessionKeyRequest();
        if (request is null) return ApiReply.Error(conflict!);

        var outcome = await sessionKeys.GenerateAsync(request, KeyIssuer.ApiAccount(account.ClientId, account.Id), publicOrigin.Value, cancellationToken);
        if (outcome.Key is not null) return new ApiReply(CommandXml.SessionKey(outcome.Key));
        if (outcome.ServiceError is not null) return new ApiReply(ApiXml.Error(outcome.ServiceError), StatusCodes.Status503ServiceUnavailable);
        return ApiReply.Error(string.Join("; ", outcome.Errors.Select(e => e.ErrorMessage)));
    }

    public static string PermissionName(CommandPermission permission) => permission switch
    {
        CommandPermission.FullAccess => "full_access",
        CommandPermission.ReadOnly => "read_only",
        _ => "deny",
    };
}
