namespace BlazorKeyPortal.Features.SignIn;

/// <summary>The open-redirect guard: after sign-in or sign-out the portal only ever goes to its own pages.</summary>
public static class ReturnUrls
{
    /// <summary>True for a path on this site (<c>/keys?x=1</c>); false for absolute, protocol-relative or backslash URLs.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\', StringComparison.Ordinal) && !url.Any(char.IsControl);

    /// <summary><paramref name="url"/> when it is local, otherwise the start page.</summary>
    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : "/";
}
