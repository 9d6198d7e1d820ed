using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using FluentValidation;

namespace BlazorKeyPortal.Features.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>The services behind the admin pages: one validator per form, audited changes.</summary>
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AdminChanges>();

        services.AddSingleton<IValidator<SiteForm>, SiteFormValidator>();
        services.AddSingleton<SiteAdministration>();

        services.AddSingleton<TeamFormValidator>();
        services.AddSingleton<RepresentativeFormValidator>();
        services.AddSingleton<EmbassyFormValidator>();
        services.AddSingleton<IssueFormValidator>();
        services.AddSingleton<SkillFormValidator>();
        services.AddSingleton<CustomFieldFormValidator>();
        services.AddSingleton<RoutingAdministration>();

        services.AddSingleton<SettingsFormValidator>();
        services.AddSingleton<SettingsAdministration>();

        services.AddSingleton<ApiAccountFormValidator>();
        services.AddSingleton<ApiAccountAdministration>();
        return builder;
    }
}
