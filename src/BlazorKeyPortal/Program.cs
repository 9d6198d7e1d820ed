using BlazorKeyPortal.Components;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.KeyRing;
using BlazorKeyPortal.Features.Administration;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.BrowserTime;
using BlazorKeyPortal.Features.CommandApi;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.Instances;
using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Features.Hosting;
using BlazorKeyPortal.Features.MyKeys;
using BlazorKeyPortal.Features.Operations;
using BlazorKeyPortal.Features.Preferences;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.Redemption;
using BlazorKeyPortal.Features.ReverseProxy;
using BlazorKeyPortal.Features.Retention;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.SupportQueue;
using BlazorKeyPortal.Features.Telemetry;
using BlazorKeyPortal.Features.Webhooks;

// A verb (users, migrate, backup) runs with the same settings and services as the portal, then exits.
var builder = PortalHostDefaults.CreateBuilder(args);

builder.AddServiceHosting();
builder.AddInstances();
builder.AddTelemetry();
builder.AddReverseProxy();
builder.AddPortalData();
builder.AddDataProtectionKeyRing();
builder.AddSessionKeys();
builder.AddSessionKeyAuthority();
builder.AddApiAccess();
builder.AddCommandApi();
builder.AddSignIn();
builder.AddPreferences();
builder.AddPresence();
builder.AddBrowserTime();
builder.AddGenerateKey();
builder.AddInvitations();
builder.AddMyKeys();
builder.AddAdministration();
builder.AddHealth();
builder.AddPublicSites();
builder.AddRedemption();
builder.AddSupportQueue();
builder.AddAuditTrail();
builder.AddRetention();
builder.AddHistory();
builder.AddWebhooks();
builder.AddPortalUi();
builder.AddDemoData();
builder.AddAppliance();

var app = builder.Build();
if (OperatorCommands.Recognizes(args)) return await OperatorCommands.RunAsync(app.Services, args, OperatorConsole.System);

await app.InitializeDatabaseAsync();

app.UseReverseProxy();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UsePublicSiteSecurityHeaders();
app.UsePublicSiteLanguages();
app.UsePortalSecurityHeaders();
app.UseCommandApiStatusPages();
app.UsePortalStatusPages();
app.UsePublicSiteBoundary();
app.UseUnreadableFormGuard();
app.UseTokenRequestThrottle();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapHealth();
app.MapTelemetry();
app.MapTokenEndpoint();
app.MapCommandApi();
app.MapSignIn();
app.MapStartSession();
app.MapPublicSites();
app.MapHistory();
app.MapPreferences();
app.MapPortalUi();

await app.RunUntilStoppedAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
