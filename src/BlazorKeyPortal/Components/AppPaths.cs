using Microsoft.AspNetCore.Components;

namespace BlazorKeyPortal.Components;

/// <summary>
/// The portal's own addresses as its pages write them. Under a path base (<c>ReverseProxy:PathBase</c>, e.g.
/// <c>/keys</c>) every page carries <c>&lt;base href="/keys/"&gt;</c>: a link or form written relative to it reaches the
/// portal through the proxy, while one that begins with <c>/</c> would leave the portal for the proxy's root.
/// </summary>
public static class AppPaths
{
    /// <summary><c>/account/login</c> as <c>account/login</c>, resolved against the page's base address.</summary>
    public static string Relative(string appPath) => appPath.TrimStart('/');

    /// <summary>
    /// Where the browser is, as a path from the host's root, path base included (<c>/keys/history?page=2</c>): what a
    /// return address holds, as ASP.NET Core's own handlers write theirs.
    /// </summary>
    public static string Current(NavigationManager navigation) => new Uri(navigation.Uri).PathAndQuery;
}
