using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>
/// An embedded-mode portal on Kestrel at 127.0.0.1 on a free port: the "appliance" of the appliance-mode tests,
/// with real HTTP, real OAuth2 and real XML. Keeps the system clock, because OpenIddict checks tokens against it.
/// </summary>
public sealed class KestrelPortal : PortalFactory
{
    public KestrelPortal() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    protected override bool UseFakeClock => false;

    /// <summary>Starts the server (migrations, seed) and returns its address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>A command API client of this portal over real HTTP.</summary>
    public CommandApiClient ApiClient() => new(new HttpClient { BaseAddress = Address });
}

/// <summary>
/// A portal in appliance mode in front of <paramref name="baseUrl"/>, on its own temporary database, with two
/// configured sites (none with <paramref name="configureSites"/> false) and an issue, as an administrator would configure it. In-process (TestServer); its calls to
/// the appliance are real HTTP.
/// </summary>
public sealed class AppliancePortal(Uri baseUrl, string clientId = CommandApiClient.FullAccess, string secret = CommandApiClient.FullSecret,
    int timeoutSeconds = 10, IReadOnlyDictionary<string, string?>? extra = null, bool fakeClock = false, bool configureSites = true) : PortalFactory
{
    public const string SupportHostname = "support.example.com";
    public const string RemoteHostname = "remote.example.com";

    /// <summary>The system clock by default: the appliance's tokens and the request time-outs run on real time.</summary>
    protected override bool UseFakeClock => fakeClock;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["KeyAuthority:Mode"] = "Appliance",
                // Tests refresh explicitly (ReadyAsync, RefreshAsync) rather than race the background refresh.
                ["Appliance:RefreshSeconds"] = "3600",
                ["Appliance:BaseUrl"] = baseUrl.ToString(),
                ["Appliance:ClientId"] = clientId,
                ["Appliance:ClientSecret"] = secret,
                ["Appliance:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Appliance:Issues:0:CodeName"] = "other",
                ["Appliance:Issues:0:Team"] = "tier1",
                // The fake appliance's failures are expected; keep the test output readable.
                ["Logging:LogLevel:BlazorKeyPortal"] = "Critical",
                ["Logging:LogLevel:Polly"] = "None",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "None",
            };
            if (configureSites)
            {
                settings["Appliance:PublicSites:0:Name"] = "Support";
                settings["Appliance:PublicSites:0:Hostnames:0"] = SupportHostname;
                settings["Appliance:PublicSites:0:Hostnames:1"] = "support.localhost";
                settings["Appliance:PublicSites:1:Name"] = "Remote";
                settings["Appliance:PublicSites:1:Hostnames:0"] = RemoteHostname;
                settings["Appliance:PublicSites:1:AllowedApiAccounts:0"] = CommandApiClient.ReadOnly;
                settings["Appliance:PublicSites:1:AllowedTeams:0"] = "tier1";
            }
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
            return settings;
        }
    }

    /// <summary>Starts the portal and reads routing from the appliance once, so tests do not race the background refresh.</summary>
    public async Task<AppliancePortal> ReadyAsync()
    {
        Started();
        await Get<ApplianceDirectoryRefresher>().RefreshAsync();
        return this;
    }

    /// <summary>A command API client of this portal, signed in with its own demo full-access account.</summary>
    public Task<CommandApiClient> ApiClientAsync() => new CommandApiClient(CreateClient()).SignedInAsync();
}

/// <summary>A loopback port with nothing listening on it: an appliance that is down.</summary>
public static class ClosedPort
{
    public static Uri Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>
/// A tiny appliance whose answers a test scripts: tokens it can revoke, read commands with fixed answers, and
/// <c>generate_session_key</c> answered by <see cref="OnGenerate"/>. It counts what it receives.
/// </summary>
public sealed class FakeAppliance : IAsyncDisposable
{
    public const string Ns = "https://www.beyondtrust.com/namespaces/API/command";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private int _tokenRequests;
    private int _generateRequests;
    private int _refusedRequests;
    private int _supportTeamRequests;
    private int _keysIssued;
    private int _loggedInRepsRequests;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _loggedInRepsWaiters = new();

    private FakeAppliance(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public int TokenRequests => _tokenRequests;
    /// <summary>Authorised generate_session_key requests.</summary>
    public int GenerateRequests => _generateRequests;
    /// <summary>Command requests refused with 401 (no or revoked token), unread.</summary>
    public int RefusedRequests => _refusedRequests;
    public int SupportTeamRequests => _supportTeamRequests;

    /// <summary>Answers generate_session_key; defaults to a valid key.</summary>
    public Func<HttpContext, Task>? OnGenerate { get; set; }

    /// <summary>Answers get_support_teams; defaults to one team.</summary>
    public Func<HttpContext, Task> OnSupportTeams { get; set; } = context => Xml(context,
        $"<support_teams xmlns=\"{Ns}\"><support_team id=\"7\"><name>Desk</name><code_name>desk</code_name><members>" +
        "<representative id=\"5\"><username>pat</username><public_display_name>Pat</public_display_name></representative></members></support_team></support_teams>");

    public static async Task<FakeAppliance> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAppliance(app);
        app.MapPost("/oauth2/token", fake.TokenAsync);
        app.MapMethods("/api/command", [HttpMethods.Get, HttpMethods.Post], fake.CommandAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>Completes when get_logged_in_reps has been received <paramref name="count"/> times: one per refresh.</summary>
    public Task LoggedInRepsRequested(int count)
    {
        var waiter = _loggedInRepsWaiters.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Volatile.Read(ref _loggedInRepsRequests) >= count) waiter.TrySetResult();
        return waiter.Task;
    }

    /// <summary>Every token issued so far stops working, as when the appliance's secret is regenerated.</summary>
    public void RevokeAllTokens() => _validTokens.Clear();

    /// <summary>A valid key, a new one on every call unless <paramref name="accessKey"/> is given.</summary>
    public Task SessionKey(HttpContext context, string? accessKey = null)
    {
        var n = Interlocked.Increment(ref _keysIssued);
        var ak = accessKey ?? n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        var shortKey = (1_000_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Xml(context, $"""
            <?xml version="1.0" encoding="UTF-8"?>

            <session_key xmlns="{Ns}">
            	<type>support</type>
            	<expires>1900000000</expires>
            	<queue available="1">general</queue>
            	<short_key>{shortKey}</short_key>
            	<key_url>https://support.example.com/?ak={ak}</key_url>
            	<mail_subject>Remote Support Invitation</mail_subject>
            	<mail_body>
            Click here: https://support.example.com/?ak={ak}
            	</mail_body>
            </session_key>
            """);
    }

    public static Task Xml(HttpContext context, string xml, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=UTF-8";
        return context.Response.WriteAsync(xml);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task TokenAsync(HttpContext context)
    {
        var token = $"token-{Interlocked.Increment(ref _tokenRequests)}";
        _validTokens[token] = true;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
    }

    private async Task CommandAsync(HttpContext context)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !_validTokens.ContainsKey(bearer["Bearer ".Length..]))
        {
            Interlocked.Increment(ref _refusedRequests);
            await Xml(context, $"<error xmlns=\"{Ns}\">authentication failed</error>", StatusCodes.Status401Unauthorized);
            return;
        }
        var action = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync())["action"].ToString() : context.Request.Query["action"].ToString();
        switch (action)
        {
            case "generate_session_key":
                Interlocked.Increment(ref _generateRequests);
                await (OnGenerate ?? (c => SessionKey(c)))(context);
                break;
            case "get_support_teams":
                Interlocked.Increment(ref _supportTeamRequests);
                await OnSupportTeams(context);
                break;
            case "get_logged_in_reps":
                await Xml(context, $"<logged_in_reps xmlns=\"{Ns}\"/>");
                var received = Interlocked.Increment(ref _loggedInRepsRequests);
                foreach (var (count, waiter) in _loggedInRepsWaiters)
                {
                    if (received >= count) waiter.TrySetResult();
                }
                break;
            case "get_api_info":
                await Xml(context, $"<api_information xmlns=\"{Ns}\"><api_version>1.24.0</api_version><permissions><permission perm_name=\"perm_command\" value=\"full_access\"/></permissions></api_information>");
                break;
            default:
                await Xml(context, $"<error xmlns=\"{Ns}\">Invalid action</error>");
                break;
        }
    }
}

/// <summary>The key-issue entries of a portal's audit trail, for asserting pending → completed/failed.</summary>
public sealed record KeyIssueAudit(IReadOnlyList<AuditEntry> Pending, IReadOnlyList<AuditEntry> Completed, IReadOnlyList<AuditEntry> Failed)
{
    public static async Task<KeyIssueAudit> ReadAsync(PortalFactory portal)
    {
        await using var db = portal.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.KeyIssuePending || e.Action == AuditActions.KeyIssueCompleted || e.Action == AuditActions.KeyIssueFailed)
            .OrderBy(e => e.Sequence).ToListAsync();
        return new(entries.Where(e => e.Action == AuditActions.KeyIssuePending).ToList(),
            entries.Where(e => e.Action == AuditActions.KeyIssueCompleted).ToList(),
            entries.Where(e => e.Action == AuditActions.KeyIssueFailed).ToList());
    }

    /// <summary>The pending entries that no completed or failed entry names.</summary>
    public IReadOnlyList<long> Unfinished => Pending.Select(p => p.Sequence)
        .Except(Completed.Concat(Failed).Select(PendingSequenceOf)).ToList();

    public static long PendingSequenceOf(AuditEntry entry) =>
        JsonDocument.Parse(entry.Details!).RootElement.GetProperty("PendingSequence").GetInt64();

    public static string DetailOf(AuditEntry entry, string property) =>
        JsonDocument.Parse(entry.Details!).RootElement.GetProperty(property).ToString();
}
