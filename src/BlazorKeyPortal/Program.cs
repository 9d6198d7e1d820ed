using BlazorKeyPortal.Components;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.CommandApi;
using BlazorKeyPortal.Features.DemoData;
using BlazorKeyPortal.Features.Health;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SessionKeys;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalData();
builder.AddSessionKeys();
builder.AddApiAccess();
builder.AddHealth();
builder.AddAuditTrail();
builder.AddHistory();
builder.AddPortalUi();
builder.AddDemoData();

var app = builder.Build();

await app.InitializeDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UsePortalStatusPages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapTokenEndpoint();
app.MapCommandApi();
app.MapHistory();
app.MapPortalUi();

await app.RunAsync();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
