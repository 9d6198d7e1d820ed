using BlazorKeyPortal.E2E.Infrastructure;

namespace BlazorKeyPortal.E2E.Features.Administration;

/// <summary>
/// The administration tests change the catalog (a site's hostnames and rules), so they get a portal of their own:
/// the other e2e tests keep the Development seed exactly as the README describes it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AdministrationCollection : ICollectionFixture<PortalBrowser>
{
    public const string Name = "Administration: a portal of its own in Chromium";
}
