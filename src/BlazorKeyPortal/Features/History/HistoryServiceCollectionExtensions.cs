using BlazorKeyPortal.Features.Navigation;
using BlazorKeyPortal.Features.SignIn;
using FluentValidation;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Features.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>The key history: queries, details, revocation, statistics and the CSV export.</summary>
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidator<HistoryFilter>, HistoryFilterValidator>();
        services.AddSingleton<IValidator<RevokeRequest>, RevokeRequestValidator>();
        services.AddSingleton<HistoryQuery>();
        services.AddSingleton<HistoryStatistics>();
        services.AddSingleton<HistoryCsvExport>();
        services.AddSingleton<KeyDetailQuery>();
        // Scoped: it asks the authorization service, which is scoped, about the signed-in user.
        services.AddScoped<KeyRevocation>();
        services.AddNavEntry(new PortalNavEntry("History", "history", Icons.Material.Filled.ManageSearch, PortalPolicies.ReviewHistory, 40));
        return builder;
    }

    /// <summary>The CSV export endpoint; the /history page is routed with the other components.</summary>
    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder endpoints) => endpoints.MapHistoryExport();
}
