using System.Net;
using BlazorKeyPortal.Features.Administration.Sites;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorKeyPortal.Tests.Features.Administration.Sites;

/// <summary>A public site's hostname must never shadow the portal: its pages would answer instead of the portal's.</summary>
public sealed class PortalHostnameSiteTests
{
    [Theory]
    [InlineData("keys.example.com", "'keys.example.com' is the portal's own hostname (from Authentication:PublicOrigins); a public site on it would hide the portal's pages.")]
    [InlineData("portal.example.com", "'portal.example.com' is the portal's own hostname (from urls); a public site on it would hide the portal's pages.")]
    public async Task A_site_form_with_a_hostname_of_the_portal_itself_is_refused(string hostname, string message)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Authentication:PublicOrigins:0"] = "https://keys.example.com",
            ["urls"] = "http://portal.example.com:5080;http://127.0.0.1:5081",
        }).Started();

        var result = await portal.Get<SiteAdministration>().SaveAsync("user:admin", new SiteForm
        {
            Name = "Field", Title = "Field support", Color = "#123456",
            Hostnames = [new() { Hostname = "field.example.com", IsPrimary = true }, new() { Hostname = hostname }],
        });

        result.Errors.Select(e => e.ErrorMessage).ShouldBe([message]);
    }

    [Fact]
    public async Task A_site_hostname_stored_before_the_check_does_not_shadow_the_portal()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?>
        {
            ["Authentication:PublicOrigins:0"] = "https://keys.example.com",
        }).Started();
        await portal.WriteAsync(scope =>
        {
            scope.Db.PublicSiteHostnames.Add(new() { SiteId = 2, Hostname = "keys.example.com" });
            return scope.Db.SaveChanges();
        });
        await portal.RefreshCatalogAsync();
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://keys.example.com") });

        var queue = await client.GetAsync("/queue");

        queue.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
