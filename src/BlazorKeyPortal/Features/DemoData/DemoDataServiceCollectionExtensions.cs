namespace BlazorKeyPortal.Features.DemoData;

public static class DemoDataServiceCollectionExtensions
{
    /// <summary>In Development: the demo data. Elsewhere: a guard that no demo account or demo sign-in is left.</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        // In every environment: the administration refuses to enable an account with a published secret.
        builder.Services.AddSingleton<DemoApiAccounts>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<DevelopmentSeed>();
            builder.Services.AddSingleton<DevelopmentUsers>();
            builder.Services.AddHostedService<DevelopmentSeedService>();
        }
        else
        {
            builder.Services.AddHostedService<DemoDataGuard>();
        }
        return builder;
    }
}
