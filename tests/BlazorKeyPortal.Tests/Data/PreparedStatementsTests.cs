using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Data;

/// <summary>
/// The writer's prepared inserts are built from the EF model. SQLite runs them in every key test; the SQL
/// Server dialect cannot run here, so its text is checked with the T-SQL parser.
/// </summary>
public sealed class PreparedStatementsTests
{
    [Fact]
    public void The_sql_server_key_insert_is_valid_t_sql_that_returns_the_new_id()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var statements = new PreparedStatements(db);

        var sql = statements.InsertSqlFor<SessionKey>();

        ParseErrors(sql).ShouldBeEmpty();
        sql.ShouldStartWith("INSERT INTO [SessionKeys] (");
        sql.ShouldContain("OUTPUT INSERTED.[Id] VALUES (");
        sql.ShouldNotContain("[Id],");
    }

    [Fact]
    public void The_sql_server_audit_insert_writes_the_sequence_it_was_given()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var statements = new PreparedStatements(db);

        var sql = statements.InsertSqlFor<AuditEntry>();

        ParseErrors(sql).ShouldBeEmpty();
        sql.ShouldContain("[Sequence]");
        sql.ShouldNotContain("OUTPUT");
    }

    [Fact]
    public void The_sqlite_key_insert_has_no_returning_clause_which_sqlite_would_run_as_a_trigger_with_a_statement_journal()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var statements = new PreparedStatements(db);

        var sql = statements.InsertSqlFor<SessionKey>();

        sql.ShouldStartWith("INSERT INTO \"SessionKeys\" (");
        sql.ShouldNotContain("RETURNING");
    }

    [Fact]
    public void The_sql_server_savepoint_statements_are_valid_t_sql()
    {
        var (create, release, rollback) = PreparedStatements.SavepointSql(sqlServer: true);

        ParseErrors(create).ShouldBeEmpty();
        ParseErrors(rollback).ShouldBeEmpty();
        release.ShouldBeNull(); // a SQL Server savepoint ends with its transaction
    }

    private static IEnumerable<string> ParseErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => e.Message);
    }
}
