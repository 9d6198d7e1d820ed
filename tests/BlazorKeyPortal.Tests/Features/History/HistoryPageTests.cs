using Bunit;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The /history and /history/{id} pages put together, on the <see cref="HistoryDataset"/>.</summary>
public sealed class HistoryPageTests : ComponentTestContext, IClassFixture<HistoryDataset>
{
    private readonly HistoryDataset _history;

    public HistoryPageTests(HistoryDataset history)
    {
        _history = history;
        Services.AddSingleton(history.Get<PortalCatalog>());
        Services.AddSingleton(history.Get<HistoryQuery>());
        Services.AddSingleton(history.Get<HistoryStatistics>());
        Services.AddSingleton(history.Get<AuditTrailVerifier>());
        Services.AddSingleton(history.Get<KeyDetailQuery>());
        Services.AddSingleton(history.Get<BlazorKeyPortal.Features.Invitations.InvitationQuery>());
        Services.AddSingleton(history.Get<BlazorKeyPortal.Features.Invitations.InvitationEvents>());
        Services.AddSingleton<IValidator<HistoryFilter>, HistoryFilterValidator>();
        Services.AddSingleton<IValidator<RevokeRequest>, RevokeRequestValidator>();
        Services.AddScoped(sp => new KeyRevocation(history.Get<DatabaseWriter>(), sp.GetRequiredService<IAuthorizationService>(),
            sp.GetRequiredService<IValidator<RevokeRequest>>(), history.Get<BlazorKeyPortal.Features.Telemetry.PortalMetrics>(), history.Clock));
        var auth = AddAuthorization();
        auth.SetAuthorized("sam");
        auth.SetPolicies(PortalPolicies.ReviewHistory);
    }

    [Fact]
    public void The_history_page_reads_its_filter_from_the_address_and_exports_that_filter()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("history?site=2&state=redeemed");
        Render<MudPopoverProvider>();

        var cut = Render<HistoryPage>();

        cut.WaitForAssertion(() => cut.FindAll("tbody tr a").Select(a => a.TextContent.Trim()).ShouldBe(["1000008", "1000002"]), WaitTimeout);
        var export = cut.FindAll("a").Single(a => a.TextContent.Trim() == "Export CSV");
        export.GetAttribute("href").ShouldBe("history/export.csv?site=2&state=redeemed");
        export.HasAttribute("download").ShouldBeTrue();
        cut.FindAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Verify audit trail");
        cut.WaitForAssertion(() => cut.Find("[data-testid=key-shares]").TextContent.ShouldContain("Redeemed: 2 (100 %)"), WaitTimeout);
        cut.Find("[data-testid=median-redemption]").TextContent.ShouldContain("12 min 30 s");
    }

    [Fact]
    public async Task A_supervisor_sees_a_keys_invitations_with_the_address_masked()
    {
        var key = _history["1000004"];
        await BlazorKeyPortal.Tests.Features.Invitations.InvitationRows.AddSentAsync(_history, key.Id, "jane.doe@example.com");

        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, key.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitation-recipient]").TextContent.ShouldBe("j***@example.com"), WaitTimeout);
        cut.Find("[data-testid=invitation-status]").TextContent.ShouldBe("Sent");
        cut.Markup.ShouldNotContain("jane.doe");
    }

    [Fact]
    public void A_keys_page_shows_its_detail_and_offers_revocation_while_it_is_active()
    {
        var active = _history["1000004"];
        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, active.Id));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldContain("Key 1000004"), WaitTimeout);
        cut.Find("[data-testid=key-timeline]").TextContent.ShouldContain("Issued");
        cut.Markup.ShouldContain("Revoke this key");
    }

    [Fact]
    public void An_unknown_key_says_it_was_not_found()
    {
        var cut = Render<KeyDetailPage>(p => p.Add(d => d.Id, 99_999_999L));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe("Key not found"), WaitTimeout);
    }
}
