using BlazorKeyPortal.Data.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The database (SQLite or SQL Server), its start-up checks and the single writer.</summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerPortalDbContext>(db => db.UseSqlServer(options.ConnectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlServerPortalDbContext>>();
        }
        else
        {
            var connectionString = ResolveSqlitePath(options.ConnectionString, builder.Environment.ContentRootPath);
            services.AddPooledDbContextFactory<SqlitePortalDbContext>(db => db.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
        }

        // Identity and OpenIddict resolve a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        services.AddSingleton<AuditChain>();
        services.AddSingleton<DatabaseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseWriter>());
        services.AddSingleton<DatabaseInitializer>();
        return builder;
    }

    /// <summary>Makes a relative SQLite path absolute (content root) and creates its folder.</summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal)
            && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(contentRoot, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }

    internal static DatabaseOptions Current(this IOptions<DatabaseOptions> options) => options.Value;
}
