using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Administration.Routing;
using BlazorKeyPortal.Features.Administration.Settings;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Features.Administration.Users;
using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using FluentValidation;
using MudBlazor;

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

        services.AddSingleton<UserAccounts>();
        services.AddSingleton<UserFormValidator>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ExternalSignIns>();
        services.AddSingleton<UserTwoFactor>();
        // Every signed-in user's own page; the portal roles are exactly who may sign in.
        services.AddNavEntry(new PortalNavEntry("My account", "account/me", Icons.Material.Filled.AccountCircle, PortalPolicies.IssueKeys, 90));

        (string Title, string Href, string Icon)[] pages =
        [
            ("Sites", "admin/sites", Icons.Material.Filled.Public),
            ("Teams", "admin/teams", Icons.Material.Filled.Groups),
            ("Representatives", "admin/representatives", Icons.Material.Filled.SupportAgent),
            ("Embassies", "admin/embassies", Icons.Material.Filled.AccountBalance),
            ("Issues", "admin/issues", Icons.Material.Filled.ReportProblem),
            ("Skills", "admin/skills", Icons.Material.Filled.Psychology),
            ("Custom fields", "admin/custom-fields", Icons.Material.Filled.TextFields),
            ("API accounts", "admin/api-accounts", Icons.Material.Filled.Key),
            ("Users", "admin/users", Icons.Material.Filled.ManageAccounts),
            ("Settings", "admin/settings", Icons.Material.Filled.Settings),
        ];
        for (var i = 0; i < pages.Length; i++)
        {
            services.AddNavEntry(new PortalNavEntry(pages[i].Title, pages[i].Href, pages[i].Icon, PortalPolicies.Administer, 100 + i));
        }
        return builder;
    }
}
