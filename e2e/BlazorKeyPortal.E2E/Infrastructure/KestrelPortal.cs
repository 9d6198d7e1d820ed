using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>
/// The real portal on Kestrel at 127.0.0.1 on a free port, in Development (seed and demo users), on a SQLite file
/// of its own, so a real browser can reach it; optionally with further settings (e.g. an external sign-in provider).
/// </summary>
public sealed class KestrelPortal : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bkp-e2e-").FullName;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public KestrelPortal() : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Configuration keys (e.g. <c>Authentication:Authority</c>) set on top of the test defaults.</param>
    public KestrelPortal(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the browser reaches the portal, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    /// <summary>The same server under a public site's hostname, e.g. <c>http://remote.localhost:41234/</c> (Chromium resolves <c>*.localhost</c> to loopback).</summary>
    public Uri SiteAddress(string hostname) => new UriBuilder(BaseAddress) { Host = hostname }.Uri;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("TokenServer:KeyDirectory", Path.Combine(_directory, "keys"));
        builder.UseSetting("TokenServer:AllowHttp", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still held open; the temp folder is cleaned by the OS */ }
    }
}
