using BlazorKeyPortal.Data.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The database (SQLite or SQL Server), its start-up checks and the single writer.</summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName);
        services.AddSingleton<PortalDataDirectory>();

        // Options are read when services resolve, so every configuration source (tests included) counts.
        services.AddPooledDbContextFactory<SqlitePortalDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<PortalDataDirectory>();
            db.UseSqlite(ResolveSqlitePath(options.ConnectionString, dataDirectory.Root)).AddInterceptors(new SqlitePragmas())
                // SQLite rebuilds a table to alter it, with foreign keys off outside the transaction: expected, not news.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
        });
        services.AddPooledDbContextFactory<SqlServerPortalDbContext>((sp, db) =>
            db.UseSqlServer(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.SqlServer
                ? new PortalDbContextFactory<SqlServerPortalDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerPortalDbContext>>())
                : new PortalDbContextFactory<SqlitePortalDbContext>(sp.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>()));

        // Identity and OpenIddict resolve a scoped context; it comes from the same factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        services.AddMetrics();
        services.AddSingleton<AuditChain>();
        // Before the writer: hosted services stop in reverse order, so the audit events of the writer's last batches are still logged.
        services.AddSingleton<AuditEventLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditEventLog>());
        services.AddSingleton<DatabaseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseWriter>());
        services.AddHostedService<WalCheckpointer>();
        services.AddSingleton<DatabaseInitializer>();
        return builder;
    }

    /// <summary>Makes a relative SQLite path absolute (under the data directory) and creates its folder.</summary>
    internal static string ResolveSqlitePath(string connectionString, string dataDirectory)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal)
            && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(dataDirectory, source));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        return csb.ToString();
    }
}
