namespace BlazorKeyPortal.Features.BrowserTime;

public static class BrowserTimeServiceCollectionExtensions
{
    /// <summary>Times on portal pages in each browser's own time zone.</summary>
    public static IHostApplicationBuilder AddBrowserTime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<BrowserTimeZone>();
        return builder;
    }
}
