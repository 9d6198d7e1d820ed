using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data;

/// <summary>
/// Brings the database to the current model before the portal serves anything, and proves the durability
/// settings the key store relies on: SQLite in WAL mode with <c>synchronous=FULL</c>. An existing SQLite database is
/// copied to the data directory's backups before migrations change it; a SQL Server database with migrations pending
/// stops the start unless the portal may apply them itself.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    PortalDataDirectory dataDirectory,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!dataDirectory.IsConfigured && !environment.IsDevelopment())
        {
            logger.LogWarning("Portal:DataDirectory is not set: the database and keys live in {Folder}, inside the install folder, where an upgrade that replaces the folder loses them.", dataDirectory.Root);
        }
        await using var db = contextFactory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            await MigrateSqliteAsync(db, cancellationToken);
        }
        else if (options.Value.MigrateSqlServerOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            RefusePendingMigrations([.. await db.Database.GetPendingMigrationsAsync(cancellationToken)]);
        }
    }

    /// <summary>Applies pending migrations (after a backup of an existing SQLite database) and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (db.Database.IsSqlite()) await MigrateSqliteAsync(db, cancellationToken);
        else await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// A SQL Server database behind the model: the portal would fail on its first query that touches what is missing,
    /// so it does not start at all.
    /// </summary>
    internal static void RefusePendingMigrations(IReadOnlyList<string> pending)
    {
        if (pending.Count == 0) return;
        throw new InvalidOperationException(
            $"The SQL Server database lacks {pending.Count} migration{(pending.Count == 1 ? "" : "s")} ({string.Join(", ", pending)}): " +
            "run 'BlazorKeyPortal migrate', apply the script of 'BlazorKeyPortal migrate --script', or set Database:MigrateSqlServerOnStartup=true.");
    }

    private async Task MigrateSqliteAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0 && applied.Count > 0)
        {
            BackUpBeforeMigrating(db.Database.GetConnectionString()!, pending[^1]);
        }
        await RefuseAHistoryThisBuildDoesNotContinueAsync(db, applied, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await AssertSqliteDurabilityAsync(db, cancellationToken);
    }

    /// <summary>
    /// A database made by a build whose migrations this one does not continue (a pre-release build, before its migrations
    /// were folded into one): none of its applied migrations is this build's, yet it already has the portal's tables, so
    /// migrating would fail on the first table it tries to create. It stops with what to do instead.
    /// </summary>
    private static async Task RefuseAHistoryThisBuildDoesNotContinueAsync(PortalDbContext db, List<string> applied, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (applied.Count == 0 || applied.Any(known.Contains)) return;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var portalTables = await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SessionKeys';", cancellationToken);
            if (portalTables == "0") return;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        throw new InvalidOperationException(
            $"The database {connection.DataSource} was made by a pre-release build: its migrations (the last is {applied[^1]}) are not ones this " +
            "build continues. Start this build on a new database (move the file away, or set Database:ConnectionString), and keep the old file " +
            "for reference; a copy was written to the data directory's backups folder.");
    }

    private void BackUpBeforeMigrating(string connectionString, string lastPending)
    {
        var keep = options.Value.MigrationBackupsToKeep;
        if (keep == 0) return;
        var destination = Path.Combine(dataDirectory.Backups, SqliteBackup.TimestampedName("portal", time.GetUtcNow(), "before-" + lastPending));
        SqliteBackup.Copy(connectionString, destination);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Backed up the database to {Backup} before applying migrations up to {Migration}.", destination, lastPending);
        }

        // The names sort by time; only copies made before migrations are pruned, never an operator's own backups.
        foreach (var old in Directory.GetFiles(dataDirectory.Backups, "portal-*-before-*.db").Order(StringComparer.Ordinal).SkipLast(keep))
        {
            File.Delete(old);
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
