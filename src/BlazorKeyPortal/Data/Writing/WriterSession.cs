using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// The writer's own context and connection, open from one batch to the next: SQLite's page cache stays warm
/// (a connection that only ever sees its own writes never has to throw its cache away) and statements stay
/// prepared. A failed batch disposes the session; the next batch opens a new one.
/// </summary>
internal sealed class WriterSession : IDisposable
{
    private readonly string? _logPath;
    private readonly long _logSizeLimit;

    private WriterSession(PortalDbContext db, string? logPath, long logSizeLimit)
    {
        Db = db;
        Statements = new PreparedStatements(db);
        _logPath = logPath;
        _logSizeLimit = logSizeLimit;
    }

    public PortalDbContext Db { get; }

    public PreparedStatements Statements { get; }

    public static WriterSession Open(IDbContextFactory<PortalDbContext> contextFactory, DatabaseOptions options)
    {
        var db = contextFactory.CreateDbContext();
        try
        {
            db.Database.SetCommandTimeout(options.WriteTimeoutSeconds);
            db.Database.OpenConnection();
            if (db.Database.IsSqlite())
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                // Each batch begins with BEGIN IMMEDIATE, which Microsoft.Data.Sqlite runs as a command of its own under the
                // connection's default timeout (30 s), not EF's command timeout: on a database another process holds
                // locked, callers waited 30 s for their 503 whatever the setting said.
                connection.DefaultTimeout = options.WriteTimeoutSeconds;
                // Checkpoints run on their own thread (WalCheckpointer), off this serial path. A savepoint (taken
                // for work that cannot run again) copies the pages it changes into a sub-journal: kept in memory, not
                // spilled to a temporary file (that cost 15 % of the writer's time). An 8 MB cache holds the key indexes'
                // hot pages; SQLite walks the whole cache at every commit, so a much larger one costs more than it saves.
                db.Database.ExecuteSqlRaw("PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192;");
                // When this connection starts the log again from its beginning, SQLite cuts the file back to this size.
                var limit = options.WalSizeLimitMegabytes * 1024L * 1024L;
                var sizeLimit = FormattableString.Invariant($"PRAGMA journal_size_limit={limit};"); // a pragma takes no parameters
                db.Database.ExecuteSqlRaw(sizeLimit);
                return new WriterSession(db, connection.DataSource + "-wal", limit);
            }
            return new WriterSession(db, logPath: null, logSizeLimit: 0);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Once the log has grown past its limit, copies what the background checkpoint has not copied yet into the
    /// database file. No frame can be added meanwhile, since this is the only writer, so the checkpoint completes, and
    /// the next batch starts the log again from its beginning. A passive checkpoint never waits: frames a reader still
    /// needs stay, and a later batch tries again.
    /// </summary>
    public void KeepLogWithinLimit(bool justAfterBackgroundPass)
    {
        if (_logPath is null) return;
        var log = new FileInfo(_logPath);
        if (log.Exists && DatabaseWriter.LogNeedsCheckpoint(log.Length, _logSizeLimit, justAfterBackgroundPass))
        {
            Db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(PASSIVE);");
        }
    }

    public void Dispose()
    {
        Statements.Dispose();
        Db.Dispose();
    }
}
