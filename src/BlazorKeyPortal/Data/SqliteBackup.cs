using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BlazorKeyPortal.Data;

/// <summary>
/// Consistent copies of a live SQLite database. Copying the files of a database in WAL mode is not safe (the log holds
/// committed pages the main file lacks yet, and a checkpoint may run mid-copy), so the copy is made with SQLite's
/// backup API: it reads one snapshot of the database inside a read transaction, which in WAL mode never blocks the
/// portal's writer.
/// </summary>
public static class SqliteBackup
{
    /// <summary>
    /// Copies the database behind <paramref name="sourceConnectionString"/> to <paramref name="destination"/>, a new
    /// file that must not exist yet. The copy is written beside it first and renamed when complete, so a copy that was
    /// interrupted never looks like a backup. The copy is one self-contained file (rollback journal, no log beside it).
    /// </summary>
    public static void Copy(string sourceConnectionString, string destination)
    {
        if (File.Exists(destination)) throw new IOException($"'{destination}' already exists; a backup never overwrites a file.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var partial = destination + ".partial";
        File.Delete(partial);
        try
        {
            using (var source = new SqliteConnection(sourceConnectionString))
            using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
                // The copy carries the source's WAL flag in its header; a backup file should need no companion files.
                Execute(target, "PRAGMA journal_mode=DELETE;");
            }
            File.Move(partial, destination);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>The database's own consistency check: "ok", or SQLite's list of problems.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join("; ", lines);
    }

    /// <summary>The file name of a backup taken at <paramref name="at"/>: sortable by time.</summary>
    public static string TimestampedName(string prefix, DateTimeOffset at, string? suffix = null) =>
        $"{prefix}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}{(suffix is null ? "" : "-" + suffix)}.db";

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
