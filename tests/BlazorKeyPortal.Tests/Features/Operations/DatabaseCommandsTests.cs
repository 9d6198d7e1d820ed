using BlazorKeyPortal.Data;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Features.Operations;

public sealed class DatabaseCommandsTests : IAsyncDisposable
{
    private readonly PortalFactory _portal = new();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Migrate_script_prints_the_idempotent_sql_server_script_which_parses_as_t_sql()
    {
        var run = await OperatorRun.RunAsync(_portal, null, "migrate", "--script");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("IF NOT EXISTS (\n    SELECT * FROM [__EFMigrationsHistory]");
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(run.Output), out var errors);
        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Migrate_on_a_current_database_says_so()
    {
        var run = await OperatorRun.RunAsync(_portal, null, "migrate");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldBe("The database is up to date.\n");
    }

    [Fact]
    public async Task Backup_writes_a_checked_copy_with_every_key_and_never_overwrites_a_file()
    {
        var api = await new CommandApiClient(_portal.Started().CreateClient()).SignedInAsync();
        for (var i = 0; i < 3; i++) (await api.GetAsync("action=generate_session_key&type=support&queue_id=general")).IsError.ShouldBeFalse();
        var destination = Path.Combine(_portal.DataDirectory, "copies", "portal-copy.db");

        var run = await OperatorRun.RunAsync(_portal, null, "backup", "--to", destination);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain($"to {destination}:");
        run.Output.ShouldContain(" 3 keys, integrity ok, audit trail intact (");
        SqliteBackup.IntegrityCheck(destination).ShouldBe("ok");
        File.Exists(destination + "-wal").ShouldBeFalse();
        var again = await OperatorRun.RunAsync(_portal, null, "backup", "--to", destination);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldBe($"backup: no backup was written: '{destination}' already exists; a backup never overwrites a file.\n");
    }

    [Fact]
    public async Task Backup_reports_a_copy_whose_audit_trail_is_broken()
    {
        var api = await new CommandApiClient(_portal.Started().CreateClient()).SignedInAsync();
        (await api.GetAsync("action=generate_session_key&type=support&queue_id=general")).IsError.ShouldBeFalse();
        using (var raw = _portal.OpenRawConnection())
        using (var tamper = raw.CreateCommand())
        {
            tamper.CommandText = "UPDATE AuditEntries SET Actor = 'someone else' WHERE Sequence = 1;";
            tamper.ExecuteNonQuery();
        }
        var destination = Path.Combine(_portal.DataDirectory, "tampered.db");

        var run = await OperatorRun.RunAsync(_portal, null, "backup", "--to", destination);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldBe($"backup: the copy at {destination} has a broken audit trail: Entry #1 was changed: its content no longer matches its hash.\n");
    }

    [Fact]
    public async Task Backup_without_a_destination_is_a_usage_error()
    {
        var run = await OperatorRun.RunAsync(_portal, null, "backup");

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe("backup: --to FILE is missing: where to write the copy.\n");
    }

    [Fact]
    public async Task Help_lists_every_verb_and_version_names_the_product()
    {
        var help = await OperatorRun.RunAsync(_portal, null, "--help");
        var version = await OperatorRun.RunAsync(_portal, null, "--version");

        foreach (var verb in new[] { "users add", "users set-password", "users list", "users disable", "users enable", "migrate", "migrate --script", "backup --to FILE", "--version" })
        {
            help.Output.ShouldContain(verb);
        }
        version.Output.ShouldStartWith("BlazorKeyPortal 1.");
    }
}
