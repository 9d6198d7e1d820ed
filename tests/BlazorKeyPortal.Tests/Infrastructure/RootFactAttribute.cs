namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// A test that needs root: it makes files immutable with <c>chattr +i</c>, which nothing short of root (or
/// CAP_LINUX_IMMUTABLE) may do, and which no permission bit can stand in for, since root ignores those. Elsewhere it is
/// reported as skipped, with that reason.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "Needs root on Linux: it makes the database immutable with chattr +i (the test script's CI runs as root).";
        }
    }
}
