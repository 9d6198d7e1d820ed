using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The history's indexes as SQLite builds them (SQL Server's are checked in <see cref="HistoryFilterPartsSqlServerTests"/>).</summary>
public sealed class HistoryMigrationTests
{
    [Fact]
    public async Task On_sqlite_the_external_key_column_is_nocase_so_a_prefix_search_reads_its_index()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'SessionKeys'";
        ((string)(await command.ExecuteScalarAsync())!).ShouldContain("\"ExternalKey\" TEXT COLLATE NOCASE NULL");
        command.CommandText = "EXPLAIN QUERY PLAN SELECT \"Id\" FROM \"SessionKeys\" WHERE \"ExternalKey\" LIKE 'INC00%' ESCAPE '\\'";
        await using var plan = await command.ExecuteReaderAsync();
        (await plan.ReadAsync()).ShouldBeTrue();
        plan.GetString(3).ShouldContain("USING COVERING INDEX IX_SessionKeys_ExternalKey");
    }
}
