using BlazorKeyPortal.Features.Webhooks;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

/// <summary>
/// The portal without its <see cref="WebhookWorker"/>, on the database in <paramref name="directory"/> (another portal's,
/// or a new one for null): the test runs the worker's two steps itself. A worker racing the test on the fake clock would
/// see its in-flight attempt time out whenever the test moves the clock on, and send again (at least once, as designed),
/// so the exact sequences the tests assert would depend on thread timing.
/// </summary>
public sealed class StepByStepPortal(string? directory = null) : PublicSitePortal(directory)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(WebhookWorker))));
    }
}
