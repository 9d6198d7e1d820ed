using System.Collections.Concurrent;
using System.Net.Http.Headers;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Reliability;

public sealed class OnlineBackupTests
{
    [Fact]
    public async Task A_backup_taken_while_8_clients_issue_keys_is_consistent_and_a_portal_restored_from_it_has_every_key_acknowledged_before_it()
    {
        var live = Directory.CreateTempSubdirectory("bkp-live-").FullName;
        var restored = Directory.CreateTempSubdirectory("bkp-restored-").FullName;
        var backup = Path.Combine(live, "backups", "online.db");
        try
        {
            var received = new ConcurrentQueue<string>();
            string[] acknowledgedBeforeBackup;
            (int ExitCode, string Output, string Error) run;
            await using (var portal = await PortalProcess.StartAsync(live))
            {
                using var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(10) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());
                var api = new CommandApiClient(http);
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var reply = await api.GenerateAsync($"queue_id=team:1&external_key=backup-{c}");
                        reply.IsError.ShouldBeFalse();
                        received.Enqueue(reply.Element("short_key"));
                    }
                })).ToList();

                using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                {
                    while (received.Count < 200) await Task.Delay(20, warmUp.Token);
                }
                acknowledgedBeforeBackup = [.. received];
                run = await PortalProcess.RunCommandAsync(live, null, "backup", "--to", backup);
                var during = received.Count - acknowledgedBeforeBackup.Length;
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                during.ShouldBeGreaterThan(0, "keys kept being issued while the backup ran");
            }

            run.ExitCode.ShouldBe(0, run.Error);
            run.Output.ShouldContain("integrity ok, audit trail intact");
            SqliteBackup.IntegrityCheck(backup).ShouldBe("ok");
            await using (var copy = SqliteFile.Open(backup))
            {
                (await AuditTrailVerifier.VerifyStoredTrailAsync(copy, TimeProvider.System)).IsIntact.ShouldBeTrue();
            }

            // Restore as an operator would: the backup becomes the database of a data directory with the same keys.
            File.Copy(backup, Path.Combine(restored, "portal.db"));
            CopyDirectory(Path.Combine(live, "keys"), Path.Combine(restored, "keys"));
            await using (var portal = await PortalProcess.StartAsync(restored)) { }
            await using var db = SqliteFile.Open(Path.Combine(restored, "portal.db"));
            var keys = (await db.SessionKeys.Select(k => k.ShortKey).ToListAsync()).ToHashSet();
            acknowledgedBeforeBackup.Where(k => !keys.Contains(k)).ShouldBeEmpty();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(live, recursive: true);
            Directory.Delete(restored, recursive: true);
        }
    }


    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
