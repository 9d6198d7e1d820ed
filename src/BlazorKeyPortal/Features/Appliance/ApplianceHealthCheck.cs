using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// Part of <c>/health/ready</c>: in appliance mode, whether the appliance answers, accepts the portal's
/// credentials, grants them full access (which <c>generate_session_key</c> needs), and whether routing has
/// been read. In embedded mode there is no appliance to ask.
/// </summary>
public sealed class ApplianceHealthCheck(
    ApplianceClient appliance,
    ApplianceDirectory directory,
    IOptions<KeyAuthorityOptions> keyAuthority,
    IOptions<ApplianceOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!keyAuthority.Value.IsAppliance) return HealthCheckResult.Healthy("Embedded mode: keys are issued by the portal itself.");

        var settings = options.Value;
        var host = ApplianceClient.Host(settings);
        ApplianceApiInfo info;
        try
        {
            info = await appliance.GetApiInfoAsync(cancellationToken);
        }
        catch (ApplianceException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex, new Dictionary<string, object> { ["failure"] = ex.Kind.ToString() });
        }

        var routing = directory.Current;
        var data = new Dictionary<string, object>
        {
            ["api_version"] = info.ApiVersion ?? "",
            ["command_permission"] = info.CommandPermission ?? "",
            ["teams"] = routing.Teams.Count,
            ["logged_in_reps"] = routing.LoggedIn.Count,
        };
        if (info.CommandPermission != "full_access")
        {
            return HealthCheckResult.Degraded(
                $"The appliance at {host} answers, but API account '{settings.ClientId}' has command permission '{info.CommandPermission ?? "unknown"}'; generate_session_key needs full_access.",
                data: data);
        }
        if (routing.LoadedAt is null)
        {
            return HealthCheckResult.Degraded(
                $"The appliance at {host} answers and accepts the credentials, but routing has not been read yet ({routing.LastFailure ?? "first refresh pending"}).",
                data: data);
        }
        return HealthCheckResult.Healthy($"The appliance at {host} answers and accepts API account '{settings.ClientId}' with full access.", data);
    }
}
