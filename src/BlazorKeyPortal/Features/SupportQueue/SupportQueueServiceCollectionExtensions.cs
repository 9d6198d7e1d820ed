using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using MudBlazor;

namespace BlazorKeyPortal.Features.SupportQueue;

public static class SupportQueueServiceCollectionExtensions
{
    /// <summary>The agents' queue: the service behind <c>/queue</c> and the notifier that keeps every open queue page current; its navigation entry.</summary>
    public static IHostApplicationBuilder AddSupportQueue(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportQueueNotifier>();
        builder.Services.AddSingleton<SupportQueueService>();
        builder.Services.AddNavEntry(new PortalNavEntry("Queue", "queue", Icons.Material.Filled.Groups, PortalPolicies.IssueKeys, 30));
        return builder;
    }
}
