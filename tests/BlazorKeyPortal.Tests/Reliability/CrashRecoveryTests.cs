using System.Collections.Concurrent;
using System.Net.Http.Headers;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BlazorKeyPortal.Tests.Reliability;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task After_kill_9_under_load_every_key_a_client_received_exists_with_its_audit_entry_and_the_chain_verifies()
    {
        var directory = Directory.CreateTempSubdirectory("bkp-crash-").FullName;
        try
        {
            var received = new ConcurrentBag<string>();
            await using (var portal = await PortalProcess.StartAsync(directory))
            {
                using var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(10) };
                var token = await new CommandApiClient(http).TokenAsync();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var api = new CommandApiClient(http);
                using var stop = new CancellationTokenSource();

                var clients = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var reply = await api.GenerateAsync($"queue_id=team:1&external_key=crash-{c}");
                            if (!reply.IsError) received.Add(reply.Element("short_key"));
                        }
                        catch (HttpRequestException) { return; } // the server is gone
                        catch (TaskCanceledException) { return; }
                    }
                })).ToList();

                using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
                {
                    while (received.Count < 300) await Task.Delay(20, warmUp.Token);
                }
                portal.KillHard();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
            }

            await using (var restarted = await PortalProcess.StartAsync(directory)) { }

            using var db = new SqliteConnection($"Data Source={Path.Combine(directory, "portal.db")}");
            db.Open();
            Scalar(db, "PRAGMA integrity_check;").ShouldBe("ok");
            var audited = Column(db, """
                SELECT k.ShortKey FROM SessionKeys k
                JOIN AuditEntries a ON a.SubjectType = 'session_key' AND a.SubjectId = CAST(k.Id AS TEXT) AND a.Action = 'key.issued'
                """).ToHashSet();
            received.Count.ShouldBeGreaterThanOrEqualTo(300);
            received.Where(k => !audited.Contains(k)).ShouldBeEmpty();
            Scalar(db, "SELECT COUNT(*) FROM SessionKeys k WHERE NOT EXISTS (SELECT 1 FROM AuditEntries a WHERE a.SubjectId = CAST(k.Id AS TEXT) AND a.Action = 'key.issued');").ShouldBe("0");
            VerifyChain(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void VerifyChain(SqliteConnection db)
    {
        using var command = db.CreateCommand();
        command.CommandText = "SELECT Sequence, OccurredAt, Actor, Action, SubjectType, SubjectId, Details, PreviousHash, Hash FROM AuditEntries ORDER BY Sequence;";
        using var reader = command.ExecuteReader();
        // SQLite stores DateTimeOffset through this converter (see SqlitePortalDbContext).
        var storedTime = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter();
        var previous = AuditChain.GenesisHash;
        var expected = 1L;
        while (reader.Read())
        {
            var entry = new BlazorKeyPortal.Data.Entities.AuditEntry
            {
                Sequence = reader.GetInt64(0),
                OccurredAt = (DateTimeOffset)storedTime.ConvertFromProvider(reader.GetInt64(1))!,
                Actor = reader.GetString(2),
                Action = reader.GetString(3),
                SubjectType = reader.IsDBNull(4) ? null : reader.GetString(4),
                SubjectId = reader.IsDBNull(5) ? null : reader.GetString(5),
                Details = reader.IsDBNull(6) ? null : reader.GetString(6),
                PreviousHash = reader.GetString(7),
                Hash = reader.GetString(8),
            };
            entry.Sequence.ShouldBe(expected++);
            entry.PreviousHash.ShouldBe(previous);
            AuditChain.ComputeHash(entry).ShouldBe(entry.Hash);
            previous = entry.Hash;
        }
    }

    private static string? Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Column(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader.GetString(0);
    }
}
