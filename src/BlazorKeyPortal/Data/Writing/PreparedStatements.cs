using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// Single-row inserts, look-ups and savepoints prepared once on the writer's connection and kept for as long
/// as that connection stays open; each batch enlists them in its transaction.
/// EF's change tracker costs hundreds of microseconds per row on the one writer thread; a prepared
/// statement costs tens. Column names, value conversions and key generation come from the EF model, so the
/// rows are exactly what EF itself would write, on SQLite and SQL Server alike.
/// </summary>
public sealed partial class PreparedStatements(PortalDbContext db) : IDisposable
{
    private const string SavepointName = "item";

    private readonly Dictionary<Type, InsertStatement> _inserts = [];
    private readonly Dictionary<string, DbCommand> _queries = new(StringComparer.Ordinal);
    private readonly bool _sqlServer = db.Database.IsSqlServer();

    /// <summary>Inserts <paramref name="entity"/> (scalar properties only) and sets its generated key, if any.</summary>
    public void Insert<T>(T entity) where T : class
    {
        if (!_inserts.TryGetValue(typeof(T), out var insert))
        {
            insert = InsertStatement.Create(db, typeof(T), _sqlServer);
            _inserts[typeof(T)] = insert;
        }
        insert.Execute(entity);
    }

    /// <summary>The SQL of <typeparamref name="T"/>'s insert on this provider (for checks of the SQL Server dialect).</summary>
    internal string InsertSqlFor<T>() where T : class => InsertStatement.Create(db, typeof(T), _sqlServer).Sql;

    /// <summary>
    /// A prepared query, written once per provider. Parameters are named <c>@p0</c>, <c>@p1</c>… in order.
    /// </summary>
    public DbCommand Query(string sqlite, string sqlServer, int parameterCount)
    {
        var sql = _sqlServer ? sqlServer : sqlite;
        if (_queries.TryGetValue(sql, out var command)) return command;
        command = NewCommand(db, sql);
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        _queries[sql] = command;
        return command;
    }

    /// <summary>Makes every prepared statement run inside <paramref name="transaction"/> (the batch that begins).</summary>
    public void Enlist(DbTransaction transaction)
    {
        foreach (var command in _inserts.Values.SelectMany(i => i.Commands)) command.Transaction = transaction;
        foreach (var query in _queries.Values) query.Transaction = transaction;
    }

    /// <summary>
    /// The statements that read the audit chain's last entry inside a batch's transaction. On SQLite the transaction
    /// began with <c>BEGIN IMMEDIATE</c>, which already excludes every other writer, whichever process it runs in. On
    /// SQL Server an exclusive application lock owned by the transaction does the same for every portal process on the
    /// database; it is released when the transaction ends.
    /// </summary>
    internal static (string? Lock, string Head) ChainHeadSql(bool sqlServer) => sqlServer
        ? ("EXEC sp_getapplock @Resource = N'BlazorKeyPortal.AuditChain', @LockMode = N'Exclusive', @LockOwner = N'Transaction'",
            "SELECT TOP (1) [Sequence], [Hash] FROM [AuditEntries] ORDER BY [Sequence] DESC")
        : (null, "SELECT \"Sequence\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Sequence\" DESC LIMIT 1");

    /// <summary>The stored hash of the audit entry at <paramref name="sequence"/>, or null when there is none.</summary>
    public string? ChainHashAt(long sequence)
    {
        var query = Query("SELECT \"Hash\" FROM \"AuditEntries\" WHERE \"Sequence\" = @p0", "SELECT [Hash] FROM [AuditEntries] WHERE [Sequence] = @p0", 1);
        query.Parameters[0].Value = sequence;
        return query.ExecuteScalar() as string;
    }

    /// <summary>
    /// The audit chain's head as the database has it now, read inside the batch's transaction, so that entries another
    /// process appended since the last batch are linked to and never forked from.
    /// </summary>
    public ChainHead ReadChainHead()
    {
        var (lockSql, headSql) = ChainHeadSql(_sqlServer);
        if (lockSql is not null) Prepared(lockSql).ExecuteNonQuery();
        using var reader = Prepared(headSql).ExecuteReader();
        return reader.Read() ? new ChainHead(reader.GetInt64(0), reader.GetString(1)) : new ChainHead(0, AuditChain.GenesisHash);
    }

    /// <summary>The savepoint statements of each provider: create, release (none on SQL Server), roll back.</summary>
    internal static (string Create, string? Release, string Rollback) SavepointSql(bool sqlServer) => sqlServer
        ? ($"SAVE TRANSACTION {SavepointName}", null, $"ROLLBACK TRANSACTION {SavepointName}")
        : ($"SAVEPOINT {SavepointName}", $"RELEASE SAVEPOINT {SavepointName}", $"ROLLBACK TO SAVEPOINT {SavepointName}");

    /// <summary>Marks the start of one piece of work, which <see cref="RollbackToSavepoint"/> can undo alone.</summary>
    public void CreateSavepoint() => Prepared(SavepointSql(_sqlServer).Create).ExecuteNonQuery();

    /// <summary>Keeps the piece of work in the batch. SQL Server has no release: its savepoints end with the transaction.</summary>
    public void ReleaseSavepoint()
    {
        if (SavepointSql(_sqlServer).Release is { } release) Prepared(release).ExecuteNonQuery();
    }

    /// <summary>Undoes the piece of work since <see cref="CreateSavepoint"/>, leaving the rest of the batch.</summary>
    public void RollbackToSavepoint() => Prepared(SavepointSql(_sqlServer).Rollback).ExecuteNonQuery();

    private DbCommand Prepared(string sql) => Query(sql, sql, parameterCount: 0);

    /// <summary>Reads a stored value back into its model type through the property's converter.</summary>
    public T FromProvider<T, TEntity>(string propertyName, object value)
    {
        var property = db.Model.FindEntityType(typeof(TEntity))!.FindProperty(propertyName)!;
        var converter = property.GetTypeMapping().Converter;
        return (T)(converter is null ? value : converter.ConvertFromProvider(value))!;
    }

    public void Dispose()
    {
        foreach (var insert in _inserts.Values) insert.Dispose();
        foreach (var query in _queries.Values) query.Dispose();
    }

    private static DbCommand NewCommand(PortalDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }
}
