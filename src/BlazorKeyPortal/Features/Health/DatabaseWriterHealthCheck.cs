using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Health;

/// <summary>
/// Whether the single writer can commit: a database that answers reads may still refuse every key (locked by another
/// process, read-only, full). The check queues an empty piece of work, which the writer runs in a write transaction
/// like any other and commits; it fails when that fails or takes longer than the write timeout.
/// </summary>
internal sealed class DatabaseWriterHealthCheck(DatabaseWriter writer, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.WriteTimeoutSeconds);
        try
        {
            await writer.WriteAsync(_ => 0, cancellationToken).WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The database writer did not commit within {timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database writer cannot commit.", ex);
        }
    }
}
