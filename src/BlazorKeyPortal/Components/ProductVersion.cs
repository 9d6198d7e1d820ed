using System.Reflection;

namespace BlazorKeyPortal.Components;

/// <summary>
/// The portal's version as operators and support staff quote it, e.g. <c>1.2.0</c> or <c>1.0.0-alpha.0.14</c>: the
/// assembly's informational version, which MinVer derives from the nearest <c>v</c> tag in git, without the commit id
/// appended after <c>+</c> (that is for builds, not for people).
/// </summary>
public static class ProductVersion
{
    public static string Current { get; } = Of(typeof(ProductVersion).Assembly);

    internal static string Of(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
