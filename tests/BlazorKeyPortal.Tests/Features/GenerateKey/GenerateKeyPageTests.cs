using System.Security.Claims;
using BlazorKeyPortal.Features.Availability;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
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
            context.Services.AddSingleton(new SessionKeyService(portal.Get<PortalCatalog>(), portal.Get<IValidator<SessionKeyRequest>>(),
                portal.Get<QueueAvailability>(), new ReadOnlyKeyStore(), portal.Get<BlazorKeyPortal.Features.Telemetry.PortalMetrics>(), NullLogger<SessionKeyService>.Instance));
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

    private static void SignInAgent(BunitContext context) =>
        context.AddAuthorization().SetAuthorized("agent").SetClaims(new Claim("preferred_username", "agent"), new Claim("role", "Agent"));

    private sealed class ReadOnlyKeyStore : ISessionKeyAuthority
    {
        public Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken) =>
            throw new KeyStoreUnavailableException("The key store is read-only right now.");
    }
}
