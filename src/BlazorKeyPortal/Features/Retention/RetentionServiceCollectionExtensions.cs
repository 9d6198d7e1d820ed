namespace BlazorKeyPortal.Features.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the database from growing without bound: dead API tokens pruned hourly, and session keys deleted after
    /// <see cref="RetentionOptions.KeyDays"/> when set. Ended portal sessions are swept by sign-in itself.
    /// </summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OAuthTokenPruning>();
        services.AddHostedService<OAuthTokenPruningService>();
        services.AddSingleton<KeyRetention>();
        services.AddHostedService<KeyRetentionSweeper>();
        return builder;
    }
}
