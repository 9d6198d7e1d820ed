using System.Security.Claims;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.Instances;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>The Generate page's interactive island: the form, the service's answer, the result.</summary>
public sealed class GenerateKeyPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_failing_key_store_is_reported_as_a_message_and_the_form_keeps_what_was_typed()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, context =>
        {
            context.Services.AddSingleton(KeyService(new ReadOnlyKeyStore()));
            SignInAgent(context);
        });
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/keys/new?external_key=INC0099999&queue_id=team:1");
        var cut = context.Render<KeyGenerator>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[data-testid=service-error]").TextContent.ShouldContain("The key store is read-only right now."));
        cut.Find("#external-key").GetAttribute("value").ShouldBe("INC0099999");
        cut.FindAll("[data-testid=short-key]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_queue_the_service_refuses_after_the_form_accepted_it_is_reported_under_the_queue_field()
    {
        // Another instance disabled the team a moment ago: the page's catalog has not heard yet, the service's has.
        var serviceCatalog = new PortalCatalog(portal.Get<IDbContextFactory<PortalDbContext>>(), portal.Get<ISitesAndRoutingSource>(), portal.Get<IInstanceBus>());
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, context =>
        {
            context.Services.AddSingleton(KeyService(portal.Get<ISessionKeyAuthority>(), serviceCatalog));
            SignInAgent(context);
        });
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/keys/new?queue_id=team:1");
        var cut = context.Render<KeyGenerator>();
        await SetTeamEnabledAsync(1, false);
        try
        {
            await cut.Find("form").SubmitAsync();

            cut.WaitForAssertion(() => cut.Find("#queue-target").Closest(".form-field")!.TextContent.ShouldContain("support team 1 is disabled"));
            cut.Find("#queue-target").GetAttribute("aria-invalid").ShouldBe("true");
            cut.FindAll("[role=alert]").ShouldBeEmpty();
            cut.FindAll("[data-testid=short-key]").ShouldBeEmpty();
        }
        finally
        {
            await SetTeamEnabledAsync(1, true);
        }
    }

    private async Task SetTeamEnabledAsync(int teamId, bool enabled)
    {
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.SupportTeams.Where(t => t.Id == teamId).ExecuteUpdateAsync(t => t.SetProperty(x => x.IsEnabled, enabled));
    }

    [Fact]
    public async Task A_refusal_that_names_a_field_is_reported_under_that_field()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, context =>
        {
            context.Services.AddSingleton(KeyService(new RefusingAuthority()));
            SignInAgent(context);
        });
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/keys/new?external_key=INC0099999&queue_id=team:1");
        var cut = context.Render<KeyGenerator>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("#external-key").Closest(".form-field")!.TextContent.ShouldContain("The appliance refused the key: external_key is already in use"));
        cut.Find("#external-key").GetAttribute("value").ShouldBe("INC0099999");
        cut.FindAll("[role=alert]").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_agents_team_and_its_default_site_are_preselected()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, context =>
        {
            context.Services.AddSingleton(portal.Get<SessionKeyService>());
            SignInAgent(context);
        });

        var cut = context.Render<KeyGenerator>();

        cut.Find("#queue-target").GetAttribute("value").ShouldBe("1");
        cut.Find("#queue-target option[value='1']").TextContent.ShouldBe("Tier 1 Support (team:1)");
        cut.Find("#public-site").GetAttribute("value").ShouldBe("support.localhost");
    }

    /// <summary>The portal's key service with another authority, or reading another catalog than the page's.</summary>
    private SessionKeyService KeyService(ISessionKeyAuthority authority, PortalCatalog? catalog = null) =>
        new(catalog ?? portal.Get<PortalCatalog>(), portal.Get<IValidator<SessionKeyRequest>>(), portal.Get<QueueAvailability>(), authority,
            portal.Get<BlazorKeyPortal.Features.Telemetry.PortalMetrics>(), NullLogger<SessionKeyService>.Instance);

    private static void SignInAgent(BunitContext context) =>
        context.AddAuthorization().SetAuthorized("agent").SetClaims(new Claim("preferred_username", "agent"), new Claim("role", "Agent"));

    private sealed class RefusingAuthority : ISessionKeyAuthority
    {
        public Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken) =>
            throw new KeyRequestRefusedException("The appliance refused the key: external_key is already in use", propertyName: nameof(SessionKeyRequest.ExternalKey));
    }

    private sealed class ReadOnlyKeyStore : ISessionKeyAuthority
    {
        public Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken) =>
            throw new KeyStoreUnavailableException("The key store is read-only right now.");
    }
}
