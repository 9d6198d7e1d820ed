namespace BlazorKeyPortal.Features.Hosting;

public static class ServiceHostingServiceCollectionExtensions
{
    /// <summary>
    /// How long a stop may take: in-flight requests finish, then the database writer commits what it accepted (it waits up
    /// to 10 s for its queue). It must end before the service manager gives up and kills the process: systemd waits
    /// TimeoutStopSec (90 s by default), the Windows service control manager about 20 s (30 s on older systems), so
    /// the shorter one, with room left for the process to exit.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs as a systemd service (Type=notify: ready once listening, stops on SIGTERM, logs to the journal) or as a Windows
    /// service (started and stopped by the service control manager, logs to the event log). Outside a service manager
    /// both do nothing, so the same executable runs from a console.
    /// </summary>
    /// <remarks>
    /// The service-collection forms, not <c>Host.UseWindowsService()</c>: that one also sets the content root to the
    /// executable's folder, which a <c>WebApplicationBuilder</c> refuses to change after it was created. It needs no
    /// change: a service starts in C:\Windows\system32, and there the host already takes the executable's folder.
    /// </remarks>
    public static IHostApplicationBuilder AddServiceHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(service => service.ServiceName = "BlazorKeyPortal");
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }

    /// <summary>
    /// Runs the portal until it is stopped. A stop that outlasts <see cref="ShutdownTimeout"/> (a browser's connection that
    /// would not close in time) is cut short by the host, which then throws; that is still the stop the service manager
    /// asked for, so it ends with a warning and exit code 0 rather than as a crash the manager would report as a failure.
    /// The writer commits what it accepted regardless (<see cref="Data.Writing.DatabaseWriter.StopAsync"/>).
    /// </summary>
    public static async Task RunUntilStoppedAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            app.Logger.LogWarning("The portal stopped after its shutdown time of {Seconds} s had passed; connections still open were closed.",
                ShutdownTimeout.TotalSeconds);
        }
    }
}
