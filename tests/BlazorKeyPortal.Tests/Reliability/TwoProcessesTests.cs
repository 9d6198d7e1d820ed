using System.Collections.Concurrent;
using System.Net.Http.Headers;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>
/// Two portal processes on one SQLite file, as an overlapped IIS recycle, a rolling restart or a second node runs
/// them: every write links to the audit chain's true last entry, whichever process made it.
/// </summary>
public sealed class TwoProcessesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bkp-two-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sixteen_clients_spread_over_two_processes_issue_2000_keys_each_with_one_audit_entry_and_the_chain_verifies()
    {
        await using var a = await PortalProcess.StartAsync(_directory);
        await using var b = await PortalProcess.StartAsync(_directory);
        var apis = new[] { await ApiAsync(a), await ApiAsync(b) };
        var received = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<string>();
        var remaining = 2000;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var reply = await apis[client % 2].GenerateAsync($"queue_id=team:1&external_key=two-{client}");
                if (reply.IsError) errors.Add(reply.Body);
                else received.Add(reply.Element("short_key"));
            }
        })));

        errors.ShouldBeEmpty();
        received.Count.ShouldBe(2000);
        await AssertEveryKeyStoredOnceWithItsAuditEntryAsync(received);
    }

    [Fact]
    public async Task A_process_killed_half_way_and_restarted_loses_no_acknowledged_key_and_the_chain_verifies()
    {
        var received = new ConcurrentBag<string>();
        await using (var a = await PortalProcess.StartAsync(_directory))
        await using (var b = await PortalProcess.StartAsync(_directory))
        {
            var apis = new[] { await ApiAsync(a), await ApiAsync(b) };
            var issued = 0;
            var clients = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
            {
                while (Volatile.Read(ref issued) < 2000)
                {
                    try
                    {
                        var reply = await apis[client % 2].GenerateAsync($"queue_id=team:1&external_key=kill-{client}");
                        if (!reply.IsError) { received.Add(reply.Element("short_key")); Interlocked.Increment(ref issued); }
                    }
                    catch (HttpRequestException) { if (client % 2 == 0) return; throw; } // A is gone; B must never fail
                    catch (TaskCanceledException) { if (client % 2 == 0) return; throw; }
                }
            })).ToList();
            using (var halfWay = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                while (Volatile.Read(ref issued) < 1000) await Task.Delay(10, halfWay.Token);
            }
            a.KillHard();
            await Task.WhenAll(clients);
        }
        await using (var restarted = await PortalProcess.StartAsync(_directory)) { }

        await AssertEveryKeyStoredOnceWithItsAuditEntryAsync(received);
    }

    [Fact]
    public async Task A_second_process_starting_beside_a_busy_one_and_the_first_stopping_gracefully_fails_no_request()
    {
        var received = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        await using var a = await PortalProcess.StartAsync(_directory);
        var apiA = await ApiAsync(a);
        CommandApiClient? apiB = null;
        var aStopping = false;
        using var stop = new CancellationTokenSource();

        // A load balancer's view: a request refused at the connection goes to the other process; any reply counts.
        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var useB = Volatile.Read(ref apiB) is not null && (Volatile.Read(ref aStopping) || n++ % 2 == 1);
                try
                {
                    var reply = await (useB ? apiB! : apiA).GenerateAsync($"queue_id=team:1&external_key=overlap-{client}");
                    if (reply.IsError) failures.Add(reply.Body);
                    else received.Add(reply.Element("short_key"));
                }
                catch (HttpRequestException) when (!useB && Volatile.Read(ref aStopping))
                {
                    // A has stopped listening; the next request goes to B.
                }
            }
        })).ToList();

        using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (received.Count < 200) await Task.Delay(10, warmUp.Token);
        }
        await using var b = await PortalProcess.StartAsync(_directory);
        Volatile.Write(ref apiB, await ApiAsync(b));
        await Task.Delay(TimeSpan.FromSeconds(10));
        Volatile.Write(ref aStopping, true);
        (await a.StopGracefullyAsync(TimeSpan.FromSeconds(60))).ExitCode.ShouldBe(0);
        var afterStop = received.Count;
        using (var more = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (received.Count < afterStop + 200) await Task.Delay(10, more.Token);
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        failures.ShouldBeEmpty();
        await AssertEveryKeyStoredOnceWithItsAuditEntryAsync(received);
    }

    private static async Task<CommandApiClient> ApiAsync(PortalProcess portal)
    {
        var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());
        return new CommandApiClient(http);
    }

    private async Task AssertEveryKeyStoredOnceWithItsAuditEntryAsync(IEnumerable<string> received)
    {
        await using var db = SqliteFile.Open(Path.Combine(_directory, "portal.db"));
        var keys = await db.SessionKeys.Select(k => new { k.Id, k.ShortKey, k.LiveShortKey }).ToListAsync();
        var issuedEntries = await db.AuditEntries.Where(e => e.Action == "key.issued").Select(e => e.SubjectId).ToListAsync();

        keys.Where(k => k.LiveShortKey != null).GroupBy(k => k.LiveShortKey).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        var byShortKey = keys.ToLookup(k => k.ShortKey);
        received.Where(k => !byShortKey.Contains(k)).ShouldBeEmpty();
        issuedEntries.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        issuedEntries.Count.ShouldBe(keys.Count);
        var trail = await AuditTrailVerifier.VerifyStoredTrailAsync(db, TimeProvider.System);
        trail.IsIntact.ShouldBeTrue(trail.Summary);
    }
}
