using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.Instances;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Bench.History;

/// <summary>
/// The portal's own data, history and audit services, wired by the same registration methods as the web app, on a
/// given SQLite file and a clock stopped at <see cref="Now"/>, so that every run sees the same active keys.
/// </summary>
internal static class BenchHost
{
    /// <summary>The instant the seeded history ends at and the measurements are taken at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static IHost Build(string databasePath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.GetFullPath(databasePath)}",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new StoppedClock(Now));
        builder.AddPortalData();
        builder.AddInstances();
        builder.AddSessionKeys();
        builder.AddAuditTrail();
        builder.AddHistory();
        return builder.Build();
    }

    /// <summary>Wall-clock timestamps (for elapsed times) but a fixed "now".</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
