using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Data.Writing;

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

    [Fact]
    public async Task A_row_inserted_on_sqlite_reads_back_through_ef_exactly_as_it_was_written()
    {
        await using var portal = new PortalFactory().Started();
        var issuedAt = new DateTimeOffset(2026, 11, 30, 12, 34, 56, TimeSpan.Zero);
        var written = await portal.WriteAsync(scope =>
        {
            var key = new SessionKey
            {
                ShortKey = "1234567", LiveShortKey = null, AccessKey = new string('a', 32), QueueKind = QueueKind.Team, QueueId = 1,
                QueueTeamId = 1, RequestedQueue = "team:1", ExternalKey = "", CustomFieldsJson = "{\"größe\":\"✓ 日本\"}", Priority = null,
                Skills = null, TtlSeconds = 600, TtlWasGiven = true, IssuedAt = issuedAt, ExpiresAt = issuedAt.AddSeconds(600), SiteId = 1,
                UrlHostname = "support.localhost", KeyUrl = "http://support.localhost/?ak=" + new string('a', 32), AvailableAtIssue = false,
                IssuerKind = IssuerKind.User, IssuedBy = "agent", Origin = KeyOrigin.Embedded,
            };
            scope.Statements.Insert(key);
            return key;
        });

        await using var db = portal.CreateDbContext();
        var read = await db.SessionKeys.AsNoTracking().SingleAsync(k => k.Id == written.Id);
        written.Id.ShouldBeGreaterThan(0);
        read.ShouldBeEquivalentTo(written);
        read.ExternalKey.ShouldBe(""); // empty text stays text, not NULL
        read.LiveShortKey.ShouldBeNull();
        read.CustomFieldsJson.ShouldBe("{\"größe\":\"✓ 日本\"}");
    }

    [Fact]
    public void The_sql_server_statements_that_read_the_audit_chains_head_under_an_exclusive_lock_are_valid_t_sql()
    {
        var (lockSql, headSql) = PreparedStatements.ChainHeadSql(sqlServer: true);

        ParseErrors(lockSql!).ShouldBeEmpty();
        ParseErrors(headSql).ShouldBeEmpty();
        lockSql!.ShouldContain("@LockOwner = N'Transaction'");
        headSql.ShouldBe("SELECT TOP (1) [Sequence], [Hash] FROM [AuditEntries] ORDER BY [Sequence] DESC");
    }

    [Fact]
    public void On_sqlite_the_head_is_read_without_a_lock_statement_because_begin_immediate_already_excludes_other_writers()
    {
        var (lockSql, headSql) = PreparedStatements.ChainHeadSql(sqlServer: false);

        lockSql.ShouldBeNull();
        headSql.ShouldBe("SELECT \"Sequence\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Sequence\" DESC LIMIT 1");
    }

    private static IEnumerable<string> ParseErrors(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => e.Message);
    }
}
