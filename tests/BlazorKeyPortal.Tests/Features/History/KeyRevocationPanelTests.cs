using Bunit;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The revoke form on a key's detail, against a real portal's writer and database.</summary>
public sealed class KeyRevocationPanelTests : ComponentTestContext
{
    private readonly SignedInPortalFactory _portal = new();
    private int _revokedCallbacks;

    public KeyRevocationPanelTests()
    {
        Services.AddSingleton<IValidator<RevokeRequest>, RevokeRequestValidator>();
        Services.AddScoped(sp => new KeyRevocation(_portal.Get<DatabaseWriter>(), sp.GetRequiredService<IAuthorizationService>(),
            sp.GetRequiredService<IValidator<RevokeRequest>>(), _portal.Get<BlazorKeyPortal.Features.Telemetry.PortalMetrics>(), _portal.Clock));
    }

    public override Task InitializeAsync()
    {
        _portal.Started();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_supervisor_revokes_an_active_key_with_a_reason()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("sam");
        auth.SetPolicies(PortalPolicies.ReviewHistory);
        var detail = await ActiveKeyAsync(issuedBy: "agent");
        var cut = RenderPanel(detail);

        cut.Find("textarea").Change("customer hung up");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke key").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain($"Key {detail.Key.ShortKey} is revoked."), WaitTimeout);
        _revokedCallbacks.ShouldBe(1);
        await using var db = _portal.CreateDbContext();
        var row = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.Id == detail.Key.Id);
        row.RevokedBy.ShouldBe("sam");
        row.RevokeReason.ShouldBe("customer hung up");
        row.LiveShortKey.ShouldBeNull();
    }

    [Fact]
    public async Task The_agent_who_issued_the_key_is_offered_the_form()
    {
        AddAuthorization().SetAuthorized("agent");
        var cut = RenderPanel(await ActiveKeyAsync(issuedBy: "agent"));

        cut.Markup.ShouldContain("Revoke this key");
    }

    [Fact]
    public async Task Another_agent_is_not_offered_the_form()
    {
        AddAuthorization().SetAuthorized("agent2");
        var cut = RenderPanel(await ActiveKeyAsync(issuedBy: "agent"));

        cut.Markup.ShouldNotContain("Revoke this key");
    }

    [Fact]
    public async Task A_revocation_without_a_reason_asks_for_one()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("sam");
        auth.SetPolicies(PortalPolicies.ReviewHistory);
        var detail = await ActiveKeyAsync(issuedBy: "agent");
        var cut = RenderPanel(detail);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke key").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Give a reason for revoking the key."), WaitTimeout);
        _revokedCallbacks.ShouldBe(0);
        await using var db = _portal.CreateDbContext();
        (await db.SessionKeys.AsNoTracking().SingleAsync(k => k.Id == detail.Key.Id)).RevokedAt.ShouldBeNull();
    }

    private IRenderedComponent<KeyRevocationPanel> RenderPanel(KeyDetail detail)
    {
        Render<MudPopoverProvider>();
        return Render<KeyRevocationPanel>(p => p
            .Add(c => c.Detail, detail)
            .Add(c => c.Revoked, () => _revokedCallbacks++));
    }

    private async Task<KeyDetail> ActiveKeyAsync(string issuedBy)
    {
        var key = (await _portal.AddAsync(HistoryKeys.Key(_portal.Clock.GetUtcNow(), k => k.IssuedBy = issuedBy)))[0];
        return (await _portal.Get<KeyDetailQuery>().GetAsync(key.Id))!;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _portal.DisposeAsync();
    }
}
