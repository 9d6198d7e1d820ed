using System.Net;
using BlazorKeyPortal.Data.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The real portal, reachable as its public sites by hostname and from any client address a test names.
/// Failed-attempt budgets are generous here so that functional tests are never throttled; brute-force tests
/// derive a factory with tight ones.
/// </summary>
public class PublicSitePortal : PortalFactory
{
    public PublicSitePortal() : this(null)
    {
    }

    /// <summary>On the database in <paramref name="directory"/> (another portal's), or a new one for null.</summary>
    protected PublicSitePortal(string? directory) : base(directory)
    {
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["FailedRedemptions:PerAddressLimit"] = "10000",
        ["FailedRedemptions:GlobalLimit"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddress>());
    }

    /// <summary>A customer's browser on <paramref name="host"/>, with cookies of its own, from <paramref name="address"/>.</summary>
    public CustomerBrowser Customer(string host, string address = "198.51.100.7") =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}"), AllowAutoRedirect = false }), address);

    /// <summary>A command API client signed in as the full-access demo account.</summary>
    public Task<CommandApiClient> ApiAsync() => new CommandApiClient(CreateClient()).SignedInAsync();

    /// <summary>Generates a key and returns its short key and key URL.</summary>
    public async Task<(string ShortKey, string KeyUrl)> GenerateKeyAsync(string parameters = "queue_id=team:1&url_hostname=remote.localhost")
    {
        var reply = (await (await ApiAsync()).GenerateAsync(parameters)).ShouldBeSessionKey();
        return (reply.Element("short_key"), reply.Element("key_url"));
    }

    public async Task<SessionKey> KeyAsync(string shortKey)
    {
        await using var db = CreateDbContext();
        return await db.SessionKeys.AsNoTracking().Where(k => k.ShortKey == shortKey).OrderByDescending(k => k.Id).FirstAsync();
    }

    public async Task<SupportSession?> SessionOfAsync(long keyId)
    {
        await using var db = CreateDbContext();
        return await db.SupportSessions.AsNoTracking().Include(s => s.Site).SingleOrDefaultAsync(s => s.SessionKeyId == keyId);
    }

    public async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>How many rows each table that a redemption touches has, and every key's redemption state: to prove that nothing changed.</summary>
    public async Task<string> RedemptionStateAsync()
    {
        await using var db = CreateDbContext();
        var keys = await db.SessionKeys.AsNoTracking().OrderBy(k => k.Id)
            .Select(k => $"{k.Id}:{k.LiveShortKey}:{k.RedeemedAt}:{k.RedeemedSiteId}:{k.RevokedAt}").ToListAsync();
        var sessions = await db.SupportSessions.CountAsync();
        return $"sessions={sessions}; keys={string.Join(",", keys)}";
    }
}

/// <summary>
/// Test-only: takes the client address from <c>X-Test-Client-Address</c>, as <c>UseForwardedHeaders</c> would from a
/// trusted proxy's X-Forwarded-For. TestServer connections have no address of their own.
/// </summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
            return nextMiddleware(http);
        });
        next(app);
    };
}
