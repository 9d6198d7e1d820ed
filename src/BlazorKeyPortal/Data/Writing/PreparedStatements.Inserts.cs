using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>The prepared single-row insert of one entity type, as <see cref="Insert{T}"/> runs it.</summary>
public sealed partial class PreparedStatements
{
    /// <remarks>
    /// On SQLite the insert runs through <see cref="NativeSqliteInsert"/>, and the new id is SQLite's last rowid rather
    /// than <c>RETURNING</c>: SQLite runs <c>RETURNING</c> as a trigger, and a statement with a trigger writes a statement
    /// journal (a copy of every page it changes) in case it must be undone; that was a tenth of the writer's time per key.
    /// </remarks>
    private sealed class InsertStatement(string sql, DbConnection connection, DbCommand? command, Column[] columns, Column? generatedKey) : IDisposable
    {
        private NativeSqliteInsert? _native;

        /// <summary>What each batch enlists: SQL Server's command. SQLite's native statement runs in its connection's transaction.</summary>
        public IEnumerable<DbCommand> Commands => command is null ? [] : [command];

        public static InsertStatement Create(PortalDbContext db, Type type, bool sqlServer)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var generated = key.ValueGenerated == ValueGenerated.OnAdd ? Column.Of(key, table) : null;
            var columns = entityType.GetProperties().Where(p => p != generated?.Property).Select(p => Column.Of(p, table)).ToArray();

            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
            var target = sql.DelimitIdentifier(table.Name, table.Schema);
            var text = generated is not null && sqlServer
                ? $"INSERT INTO {target} ({names}) OUTPUT INSERTED.{sql.DelimitIdentifier(generated.Name)} VALUES ({values})"
                : $"INSERT INTO {target} ({names}) VALUES ({values})";
            return new InsertStatement(text, db.Database.GetDbConnection(), sqlServer ? AdoCommand(db, text, columns) : null, columns, generated);
        }

        private static DbCommand AdoCommand(PortalDbContext db, string text, Column[] columns)
        {
            var command = NewCommand(db, text);
            for (var i = 0; i < columns.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                if (columns[i].DbType is DbType dbType) parameter.DbType = dbType;
                command.Parameters.Add(parameter);
            }
            return command;
        }

        public void Execute(object entity)
        {
            if (command is null)
            {
                // Prepared on first use: the connection is open by then (not when only the SQL is asked for).
                _native ??= new NativeSqliteInsert((SqliteConnection)connection, sql, columns.Length);
                SetGeneratedKey(entity, _native.Execute(entity, columns));
                return;
            }
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters[i].Value = columns[i].ProviderValue(entity) ?? DBNull.Value;
            }
            if (generatedKey is null)
            {
                command.ExecuteNonQuery();
                return;
            }
            SetGeneratedKey(entity, command.ExecuteScalar()!);
        }

        public string Sql => sql;

        private void SetGeneratedKey(object entity, object id) =>
            generatedKey?.Clr.SetValue(entity, Convert.ChangeType(id, generatedKey.Clr.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        public void Dispose()
        {
            command?.Dispose();
            _native?.Dispose();
        }
    }

    /// <remarks>
    /// Values are read through EF's compiled getter: reflection's <c>PropertyInfo.GetValue</c>, called for every column of
    /// every row on the one writer thread, cost more than the column's binding.
    /// </remarks>
    internal sealed record Column(IProperty Property, string Name, PropertyInfo Clr, IClrPropertyGetter Getter,
        Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, DbType? DbType)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table)
        {
            var mapping = property.GetRelationalTypeMapping();
            return new Column(property, property.GetColumnName(table)!, property.PropertyInfo!, property.GetGetter(), mapping.Converter, mapping.DbType);
        }

        public object? ProviderValue(object entity)
        {
            var value = Getter.GetClrValue(entity);
            return value is null ? null : Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
