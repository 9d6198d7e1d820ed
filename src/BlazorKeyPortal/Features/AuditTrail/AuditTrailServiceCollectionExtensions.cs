using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Features.AuditTrail;

public static class AuditTrailServiceCollectionExtensions
{
    /// <summary>Verification of the hash-chained audit trail.</summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditTrailVerifier>();
        return builder;
    }
}
