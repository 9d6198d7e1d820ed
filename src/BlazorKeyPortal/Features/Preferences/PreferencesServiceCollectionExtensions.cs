namespace BlazorKeyPortal.Features.Preferences;

public static class PreferencesServiceCollectionExtensions
{
    /// <summary>Per-user preferences in the portal database.</summary>
    public static IHostApplicationBuilder AddPreferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserPreferenceStore>();
        return builder;
    }
}
