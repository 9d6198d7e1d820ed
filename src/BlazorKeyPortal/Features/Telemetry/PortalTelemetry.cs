using System.Diagnostics;
using System.Reflection;

namespace BlazorKeyPortal.Features.Telemetry;

/// <summary>The names under which the portal reports its own traces and metrics, and the portal's activity source.</summary>
public static class PortalTelemetry
{
    /// <summary>The service name, the portal's activity source and the meter of its own counters.</summary>
    public const string Name = "BlazorKeyPortal";

    /// <summary>The service version: the assembly's informational version (e.g. <c>1.0.0+commit</c>).</summary>
    public static string Version { get; } =
        typeof(PortalTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// The portal's own spans. One source for the process, as .NET intends: listeners subscribe by name, and
    /// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null (allocating nothing) while none does.
    /// </summary>
    public static ActivitySource Source { get; } = new(Name, Version);
}
