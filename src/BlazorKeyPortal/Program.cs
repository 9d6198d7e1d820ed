using BlazorKeyPortal.Components;
using BlazorKeyPortal.Data;
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
using BlazorKeyPortal.Features.MyKeys;
using BlazorKeyPortal.Features.Preferences;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.Redemption;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.SupportQueue;

// Settings are read and validated once, at start-up. Watching appsettings*.json for changes would put a file watcher
// on the whole content root, which holds the SQLite database (App_Data): every write to its log would wake the watcher,
// about 40 µs of CPU per issued key (measured). A changed setting takes effect at the next start.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

builder.AddPortalData();
builder.AddSessionKeys();
builder.AddApiAccess();
builder.AddSignIn();
builder.AddPreferences();
builder.AddPresence();
builder.AddBrowserTime();
builder.AddGenerateKey();
builder.AddMyKeys();
builder.AddAdministration();
builder.AddHealth();
builder.AddPublicSites();
builder.AddRedemption();
builder.AddSupportQueue();
builder.AddAuditTrail();
builder.AddHistory();
builder.AddPortalUi();
builder.AddDemoData();
builder.AddAppliance();

var app = builder.Build();

await app.InitializeDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UsePublicSiteSecurityHeaders();
app.UsePortalStatusPages();
app.UsePublicSiteBoundary();
app.UseUnreadableFormGuard();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRateLimiter();

app.MapHealth();
app.MapTokenEndpoint();
app.MapCommandApi();
app.MapSignIn();
app.MapStartSession();
app.MapPublicSites();
app.MapHistory();
app.MapPreferences();
app.MapPortalUi();

await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
