using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using MudBlazor;

namespace BlazorKeyPortal.Features.MyKeys;

public static class MyKeysServiceCollectionExtensions
{
    /// <summary>My keys (<c>/keys</c>) and its navigation entry.</summary>
    public static IHostApplicationBuilder AddMyKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MyKeysQuery>();
        builder.Services.AddNavEntry(new PortalNavEntry("My keys", "keys", Icons.Material.Filled.History, PortalPolicies.IssueKeys, 20));
        return builder;
    }
}
