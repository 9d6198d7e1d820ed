using System.ComponentModel.DataAnnotations;

namespace BlazorKeyPortal.Data;

/// <summary>Which database the portal uses. Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Defaults to <see cref="DatabaseProvider.Sqlite"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// An ADO.NET connection string. For SQLite a relative <c>Data Source</c> is resolved against the
    /// data directory (<see cref="PortalOptions.DataDirectory"/>). Defaults to <c>Data Source=portal.db</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Database:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=portal.db";

    /// <summary>
    /// Apply pending migrations at start-up. SQLite always migrates; for SQL Server a DBA may prefer the
    /// generated script. Defaults to false (SQL Server only).
    /// </summary>
    public bool MigrateSqlServerOnStartup { get; set; }

    /// <summary>
    /// How long the writer waits for a database that another process holds locked before it gives up and
    /// callers get "unavailable". Defaults to 5 seconds.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Database:WriteTimeoutSeconds must be between 1 and 300.")]
    public int WriteTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// SQLite only: the write-ahead log's size, in megabytes, past which the writer itself copies the rest of the log into
    /// the database file between two batches, so that the log starts again from its beginning and its file is cut back to
    /// this size. The background checkpoint cannot catch up with a log that grows while it copies, so under a load without
    /// pauses the log would otherwise grow for as long as the load lasts. That copy holds up one batch (tens of
    /// milliseconds at full load, when the log grows by about 100 MB a second), so the limit is a bound on disk use, not
    /// a routine step: defaults to 1024.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Database:WalSizeLimitMegabytes must be between 1 and 100000.")]
    public int WalSizeLimitMegabytes { get; set; } = 1024;

    /// <summary>
    /// SQLite: before migrations are applied to an existing database, a copy of it is written to the data directory's
    /// <c>backups</c> folder; this many of those copies are kept, the newest ones. 0 turns the copies off. Defaults to 5.
    /// </summary>
    [Range(0, 1000, ErrorMessage = "Database:MigrationBackupsToKeep must be between 0 and 1000.")]
    public int MigrationBackupsToKeep { get; set; } = 5;

    /// <summary>How many waiting writes the single writer commits in one transaction at most. Defaults to 256.</summary>
    [Range(1, 10_000, ErrorMessage = "Database:MaxBatchSize must be between 1 and 10000.")]
    public int MaxBatchSize { get; set; } = 256;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
