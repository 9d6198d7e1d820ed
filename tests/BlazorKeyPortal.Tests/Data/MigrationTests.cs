using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void The_sql_server_migration_script_parses_as_valid_t_sql()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
        script.ShouldContain("CREATE UNIQUE INDEX [IX_SessionKeys_LiveShortKey]");
        script.ShouldContain("WHERE [LiveShortKey] IS NOT NULL");
    }

    [Fact]
    public void The_sqlite_migrations_leave_no_pending_model_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }

    [Fact]
    public void The_sql_server_migrations_leave_no_pending_model_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().ShouldBeFalse();
    }
}
