using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// One prepared SQLite insert run through SQLite's own API, its values bound by position. Microsoft.Data.Sqlite binds
/// by name: on every execution it looks each parameter up in the statement (a linear search of its names), which for
/// the key's 26 columns was 5 % of the single writer's time per key. Values are bound as Microsoft.Data.Sqlite binds
/// them (text, 64-bit integers, booleans as 0 and 1, reals, blobs); the EF model's converters have already turned
/// dates and enums into those.
/// </summary>
/// <remarks>
/// The statement runs in whatever transaction the connection is in: on the writer's connection, the batch's.
/// </remarks>
internal sealed class NativeSqliteInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public NativeSqliteInsert(SqliteConnection connection, string sql, int parameterCount)
    {
        _connection = connection;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement), connection.Handle);
        var bound = raw.sqlite3_bind_parameter_count(_statement);
        if (bound != parameterCount)
        {
            _statement.Dispose();
            throw new InvalidOperationException($"The insert has {bound} parameters, not {parameterCount}: {sql}");
        }
    }

    /// <summary>Inserts the row of <paramref name="entity"/> and returns its rowid.</summary>
    public long Execute(object entity, IReadOnlyList<PreparedStatements.Column> columns)
    {
        try
        {
            for (var i = 0; i < columns.Count; i++)
            {
                SqliteException.ThrowExceptionForRC(Bind(i + 1, columns[i].ProviderValue(entity)), _connection.Handle);
            }
            var done = raw.sqlite3_step(_statement);
            if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, _connection.Handle);
            return raw.sqlite3_last_insert_rowid(_connection.Handle);
        }
        finally
        {
            // Reset reports the step's error again, already thrown above; it always leaves the statement ready to run.
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        short number => raw.sqlite3_bind_int64(_statement, index, number),
        byte number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new NotSupportedException(
            $"A {value.GetType().Name} value has no native SQLite binding; give its property a value converter to a supported type."),
    };

    public void Dispose() => _statement.Dispose();
}
