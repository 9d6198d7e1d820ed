using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The real portal (Development seed, every middleware and endpoint) on a fresh SQLite file of its own,
/// with its own token keys, and a clock the test controls. One per test class (<c>IClassFixture</c>),
/// or create one per test when a test changes shared state.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    public PortalFactory() : this(null)
    {
    }

    /// <summary>
    /// A portal on the database and keys in <paramref name="directory"/> (another portal's, to restart it).
    /// Protected: xunit class fixtures need exactly one public constructor.
    /// </summary>
    protected PortalFactory(string? directory)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Directory.CreateTempSubdirectory("bkp-test-").FullName;
    }

    /// <summary>The folder of the database file and token keys.</summary>
    public string DataDirectory => _directory;

    /// <summary>The hosting environment; Development brings the demo seed.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>Starts at a fixed instant; advance it to expire keys and tokens.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    /// <summary>When false the host keeps the system clock (tokens are checked against real time by OpenIddict).</summary>
    protected virtual bool UseFakeClock => true;

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>Extra settings a derived factory wants (key = configuration path).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Portal:DataDirectory", _directory);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("TokenServer:KeyDirectory", Path.Combine(_directory, "keys"));
        builder.UseSetting("TokenServer:AllowHttp", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            // The portal's OIDC handler reads its built-in provider over the back channel; in memory that is the test server.
            services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme).Configure<IServer>((oidc, server) =>
            {
                if (server is TestServer testServer) oidc.BackchannelHttpHandler = testServer.CreateHandler();
            });
        });
    }

    /// <summary>Starts the host (migrations, seed) if it is not running yet.</summary>
    public PortalFactory Started()
    {
        _ = Server;
        return this;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A context on the portal's database, for arranging and asserting.</summary>
    public PortalDbContext CreateDbContext() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>A connection of its own to the database file, outside the application: for tampering.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> through the portal's single writer.</summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work) => Get<DatabaseWriter>().WriteAsync(work);

    /// <summary>Reloads the catalog after a test changed configuration rows directly.</summary>
    public Task RefreshCatalogAsync() => Get<PortalCatalog>().InvalidateAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory) return;
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still held open by a finalizer; the temp folder is cleaned by the OS */ }
    }
}
