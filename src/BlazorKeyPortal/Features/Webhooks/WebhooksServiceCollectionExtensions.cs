using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using MudBlazor;

namespace BlazorKeyPortal.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Outbound events: signed CloudEvents posted to the recipients an administrator sets up on <c>/admin/webhooks</c>,
    /// from a durable outbox filled from the audit trail, by a worker in every process.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(WebhookSender.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own timeout
            .ConfigurePrimaryHttpMessageHandler(WebhookSender.CreateHandler);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookRecipientFormValidator>();
        services.AddSingleton<WebhookAdministration>();
        services.AddHostedService<WebhookWorker>();
        // After the administration pages (100 + their count).
        services.AddNavEntry(new PortalNavEntry("Webhooks", "admin/webhooks", Icons.Material.Filled.Webhook, PortalPolicies.Administer, 115));
        return builder;
    }
}
