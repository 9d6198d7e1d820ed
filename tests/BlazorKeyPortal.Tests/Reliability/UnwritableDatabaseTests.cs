using System.Diagnostics;
using System.Net;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>When the database cannot be written the API says so with 503 and nothing is half-written.</summary>
public sealed class UnwritableDatabaseTests
{
    [Fact]
    public async Task A_database_locked_by_another_process_gets_503_after_the_write_timeout_with_an_error_and_no_key_without_its_audit_entry()
    {
        await using var portal = new QuickTimeoutPortal().Started();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        var (keysBefore, auditBefore) = await CountAsync(portal);

        CommandResult reply;
        Stopwatch waited;
        using (var locker = portal.OpenRawConnection())
        {
            Execute(locker, "BEGIN IMMEDIATE;"); // takes the write lock and keeps it until rollback

            waited = Stopwatch.StartNew();
            reply = await api.GenerateAsync("queue_id=general");
            waited.Stop();

            Execute(locker, "ROLLBACK;");
        }

        reply.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        reply.Error.ShouldStartWith("The key store cannot be written to right now (");
        reply.Error.ShouldEndWith("). No key was issued; try again shortly.");
        // It waited Database:WriteTimeoutSeconds (1 s here), not the SQLite library's default of 30 s.
        waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        (await CountAsync(portal)).ShouldBe((keysBefore, auditBefore));
        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey(); // and it recovers at once
    }

    [RootFact]
    public async Task A_read_only_database_gets_503_with_an_error_and_nothing_changes()
    {
        await using var portal = new QuickTimeoutPortal().Started();
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();
        (await api.GenerateAsync("queue_id=general")).ShouldBeSessionKey();
        var (keysBefore, auditBefore) = await CountAsync(portal);
        // The files SQLite writes through write(): the database and its log. Not the log's index (-shm): SQLite maps it
        // into memory, and the kernel answers a store into a mapped page of an immutable file with SIGBUS, which ends the
        // whole process (here the test host) instead of failing one write.
        string[] files = [portal.DatabasePath, portal.DatabasePath + "-wal"];
        // The hardest case, every time: the whole log copied into the database, so the next batch starts the log again
        // and writes the index first; every page written back, so such a store faults. With -shm in the list above this
        // crashes the test host each run; without these two steps it crashed only now and then.
        CheckpointWholeLog(portal);
        Sync();

        CommandResult reply;
        // Root ignores file permissions; the immutable attribute stops even root from writing.
        Chattr("+i", files);
        try
        {
            reply = await api.GenerateAsync("queue_id=general");
        }
        finally
        {
            Chattr("-i", files);
        }

        reply.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        reply.Error.ShouldStartWith("The key store cannot be written to right now (");
        (await CountAsync(portal)).ShouldBe((keysBefore, auditBefore));
    }

    [Fact]
    public async Task Readiness_fails_while_another_connection_holds_the_database_locked_and_recovers_once_it_lets_go()
    {
        await using var portal = new QuickTimeoutPortal().Started();
        var client = portal.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        HttpStatusCode whileLocked;
        Stopwatch waited;
        using (var locker = portal.OpenRawConnection())
        {
            Execute(locker, "BEGIN EXCLUSIVE;");

            waited = Stopwatch.StartNew();
            whileLocked = (await client.GetAsync("/health/ready")).StatusCode;
            waited.Stop();

            Execute(locker, "ROLLBACK;");
        }

        whileLocked.ShouldBe(HttpStatusCode.ServiceUnavailable);
        // Database:WriteTimeoutSeconds is 1 s here; the deadline is generous.
        waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(int Keys, int Audit)> CountAsync(PortalFactory portal)
    {
        await using var db = portal.CreateDbContext();
        return (await db.SessionKeys.CountAsync(), await db.AuditEntries.CountAsync(e => e.Action == AuditActions.KeyIssued));
    }

    private static void CheckpointWholeLog(PortalFactory portal)
    {
        using var connection = portal.OpenRawConnection();
        Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);"); // nobody is reading: a passive checkpoint copies it all
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Sync() => Run("sync");

    private static void Chattr(string flag, string[] files) => Run("chattr", [flag, .. files.Where(File.Exists)]);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }

    private sealed class QuickTimeoutPortal : PortalFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:WriteTimeoutSeconds"] = "1" };
    }
}
