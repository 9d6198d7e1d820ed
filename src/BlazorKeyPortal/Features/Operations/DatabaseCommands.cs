using System.Globalization;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Operations;

/// <summary><c>migrate</c>, <c>migrate --script</c> and <c>backup --to FILE</c>.</summary>
internal sealed class DatabaseCommands(IServiceProvider services, OperatorConsole console)
{
    public static readonly string[] Flags = ["script"];
    public static readonly string[] Valued = ["to"];

    /// <summary>Applies pending migrations to the configured database (SQLite: after a backup) and exits.</summary>
    public async Task MigrateAsync(OperatorArguments arguments, CancellationToken cancellationToken)
    {
        arguments.NoMoreThan(1);
        if (arguments.Has("script"))
        {
            console.Out.Write(SqlServerScript());
            return;
        }
        var applied = await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        console.Out.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration{(applied.Count == 1 ? "" : "s")}: {string.Join(", ", applied)}.");
    }

    /// <summary>
    /// The idempotent script of every SQL Server migration, for a DBA who applies schema changes by hand: each step
    /// checks the migrations history table, so the script may run against a database at any earlier version.
    /// </summary>
    private string SqlServerScript()
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        // Generating a script opens no connection; a placeholder serves when the portal itself runs on SQLite.
        var connectionString = options.Provider == DatabaseProvider.SqlServer ? options.ConnectionString : "Server=.;Database=BlazorKeyPortal";
        using var db = new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer(connectionString).Options);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    /// <summary>
    /// An online copy of the SQLite database, taken while the portal runs, then checked the way a restore would need
    /// it: SQLite's integrity check and the audit chain from its first entry to its last.
    /// </summary>
    public async Task BackupAsync(OperatorArguments arguments, CancellationToken cancellationToken)
    {
        arguments.NoMoreThan(1);
        var to = arguments.Value("to") ?? throw new OperatorCommandException("--to FILE is missing: where to write the copy.", 2);
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider != DatabaseProvider.Sqlite)
        {
            throw new OperatorCommandException("the database is SQL Server: back it up with the server's own backups (BACKUP DATABASE, or your DBA's schedule); this command copies SQLite databases.");
        }
        string source;
        await using (var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext())
        {
            source = db.Database.GetConnectionString()!;
        }
        var sourcePath = new SqliteConnectionStringBuilder(source).DataSource;
        if (!File.Exists(sourcePath)) throw new OperatorCommandException($"there is no database at {sourcePath}.");
        var destination = Path.GetFullPath(to);
        try
        {
            SqliteBackup.Copy(source, destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new OperatorCommandException($"no backup was written: {ex.Message}");
        }

        var integrity = SqliteBackup.IntegrityCheck(destination);
        if (integrity != "ok") throw new OperatorCommandException($"the copy at {destination} fails SQLite's integrity check: {integrity}");
        var copy = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()).Options;
        await using var backup = new SqlitePortalDbContext(copy);
        var trail = await AuditTrailVerifier.VerifyStoredTrailAsync(backup, services.GetRequiredService<TimeProvider>(), cancellationToken);
        if (!trail.IsIntact) throw new OperatorCommandException($"the copy at {destination} has a broken audit trail: {trail.Summary}");
        var keys = await backup.SessionKeys.LongCountAsync(cancellationToken);

        var megabytes = new FileInfo(destination).Length / 1024.0 / 1024.0;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {sourcePath} to {destination}: {megabytes:0.0} MB, {keys:N0} keys, integrity ok, audit trail intact ({trail.EntriesVerified:N0} entries)."));
    }
}
