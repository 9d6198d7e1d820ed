using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using MudBlazor;

namespace BlazorKeyPortal.Features.GenerateKey;

public static class GenerateKeyServiceCollectionExtensions
{
    /// <summary>The Generate page (<c>/keys/new</c>) and its navigation entry.</summary>
    public static IHostApplicationBuilder AddGenerateKey(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExistingKeyLookup>();
        builder.Services.AddNavEntry(new PortalNavEntry("Generate", "keys/new", Icons.Material.Filled.VpnKey, PortalPolicies.IssueKeys, 10));
        return builder;
    }
}
