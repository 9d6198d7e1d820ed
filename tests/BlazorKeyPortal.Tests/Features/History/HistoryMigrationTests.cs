using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The history's index migration exists for both providers; SQL Server's script is valid T-SQL.</summary>
public sealed class HistoryMigrationTests
{
    [Fact]
    public void The_sql_server_script_of_the_history_indexes_parses_and_creates_the_expiry_and_state_indexes()
    {
        using var db = new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=script-only;Database=BlazorKeyPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
        var migrations = db.Database.GetMigrations().ToList();
        var history = migrations.Single(m => m.EndsWith("_HistoryIndexes", StringComparison.Ordinal));

        var script = db.GetService<IMigrator>().GenerateScript(migrations[migrations.IndexOf(history) - 1], history);

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        errors.ShouldBeEmpty(script);
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_ExpiresAt] ON [SessionKeys] ([ExpiresAt]);");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_Revoked_IssuedAt] ON [SessionKeys] ([IssuedAt]) WHERE [RevokedAt] IS NOT NULL;");
    }

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
