using FluentValidation;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>The names of the rate-limiting policies on redemption endpoints.</summary>
public static class RedemptionRateLimits
{
    /// <summary>Typed short keys: per client address and globally.</summary>
    public const string ShortKeyPolicy = "redemption-short-key";
    /// <summary>Key URLs: per client address only (an access key cannot be guessed).</summary>
    public const string AccessKeyPolicy = "redemption-access-key";
}

public static class RedemptionServiceCollectionExtensions
{
    /// <summary>Redeeming keys: the validator, the service, the failed-attempt budgets and their rate-limiting policies.</summary>
    public static IHostApplicationBuilder AddRedemption(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FailedRedemptionOptions>().BindConfiguration(FailedRedemptionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidator<RedemptionRequest>, RedemptionRequestValidator>();
        services.AddSingleton<FailedAttemptLimits>();
        services.AddSingleton<RedemptionService>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<FailedAttemptLimits>((options, limits) =>
        {
            options.AddPolicy(RedemptionRateLimits.ShortKeyPolicy, new FailedAttemptPolicy(limits, shortKey: true));
            options.AddPolicy(RedemptionRateLimits.AccessKeyPolicy, new FailedAttemptPolicy(limits, shortKey: false));
        });
        return builder;
    }
}
