namespace BlazorKeyPortal.Features.SupportQueue;

public static class SupportQueueServiceCollectionExtensions
{
    /// <summary>The agents' queue: the service behind <c>/queue</c> and the notifier that keeps every open queue page current.</summary>
    public static IHostApplicationBuilder AddSupportQueue(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportQueueNotifier>();
        builder.Services.AddSingleton<SupportQueueService>();
        return builder;
    }
}
