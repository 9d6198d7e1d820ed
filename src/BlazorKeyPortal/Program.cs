using BlazorKeyPortal.Components;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.Administration;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.CommandApi;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.SessionKeys;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalData();
builder.AddSessionKeys();
builder.AddApiAccess();
builder.AddAdministration();
builder.AddHealth();
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
app.UsePortalStatusPages();
app.UseUnreadableFormGuard();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapTokenEndpoint();
app.MapCommandApi();
app.MapPortalUi();

await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
