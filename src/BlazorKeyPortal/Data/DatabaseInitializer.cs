using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data;

/// <summary>
/// Brings the database to the current model before the portal serves anything, and proves the durability
/// settings the key store relies on: SQLite in WAL mode with <c>synchronous=FULL</c>.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<PortalDbContext> contextFactory, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            await AssertSqliteDurabilityAsync(db, cancellationToken);
        }
        else if (options.Value.MigrateSqlServerOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            logger.LogWarning("The SQL Server database has pending migrations; apply the generated script or set Database:MigrateSqlServerOnStartup.");
        }
    }

    private static async Task AssertSqliteDurabilityAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode (journal_mode is '{journal}'); the key store needs a file database in WAL mode.");
            }
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken);
            if (synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite runs with synchronous={synchronous}; the key store needs synchronous=FULL (2).");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public static class DatabaseInitializerExtensions
{
    /// <summary>Migrates and checks the database; the portal does not start on a database it cannot trust.</summary>
    public static Task InitializeDatabaseAsync(this WebApplication app) =>
        app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}
