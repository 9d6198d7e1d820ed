namespace BlazorKeyPortal.Features.Navigation;

public static class NavigationServiceCollectionExtensions
{
    /// <summary>Adds <paramref name="entry"/> to the portal's navigation.</summary>
    public static IServiceCollection AddNavEntry(this IServiceCollection services, PortalNavEntry entry) =>
        services.AddSingleton(entry);
}
