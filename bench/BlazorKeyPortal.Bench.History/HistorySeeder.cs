using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorKeyPortal.Bench.History;

/// <summary>
/// Creates a year of history ending at <see cref="BenchHost.Now"/>: sites, teams, reps and API accounts through EF,
/// then keys, support sessions and a valid audit chain through raw, batched, prepared inserts (seeding only; the
/// portal itself writes through its single writer). The spread is fixed by a seed, so every run builds the same data.
/// </summary>
internal sealed class HistorySeeder(IHost host, string databasePath, int keyCount)
{
    private const int Sites = 5;
    private const int Teams = 8;
    private const int Agents = 40;
    private const int BatchSize = 20_000;
    private static readonly double[] SiteWeights = [50, 25, 12, 8, 5];
    private static readonly (string ClientId, double Weight)[] ApiAccounts = [("servicenow", 60), ("marval", 25), ("ops-scripts", 10), ("monitoring", 5)];
    private static readonly (int Ttl, bool Given, double Weight)[] Ttls = [(86_400, false, 50), (3_600, true, 30), (900, true, 15), (7_200, true, 5)];
    private static readonly string[] Customers = ["Pat Lee", "Sam Quinn", "Robin Diaz", "Alex Kim", "Jo Brown", "Chris Novak", "Dana Ito", "Lee Park"];

    private readonly Random _random = new(20261130);
    private readonly Func<DateTimeOffset, long> _stored = new DateTimeOffsetToBinaryConverter().ConvertToProviderTyped;
    private readonly PriorityQueue<PendingAudit, (DateTimeOffset, long)> _pending = new();
    private readonly HashSet<string> _liveShortKeys = [];
    private long _pendingOrder;
    private ChainHead _head = new(0, AuditChain.GenesisHash);

    public async Task RunAsync()
    {
        var watch = Stopwatch.StartNew();
        if (File.Exists(databasePath)) throw new InvalidOperationException($"{databasePath} exists; seed into a new file.");
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await SeedCatalogAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  schema and catalog: {watch.Elapsed.TotalSeconds:N1} s"));

        await using var connection = new SqliteConnection($"Data Source={Path.GetFullPath(databasePath)}");
        await connection.OpenAsync();
        // Seeding only: a lost seed is made again, so it need not survive a power cut.
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        var counts = Seed(connection);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {keyCount:N0} keys, {counts.Sessions:N0} support sessions and {counts.Audit:N0} audit entries into {databasePath} in {watch.Elapsed.TotalSeconds:N1} s."));
    }

    private async Task SeedCatalogAsync()
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = factory.CreateDbContext();
        var teams = Enumerable.Range(1, Teams).Select(i => new SupportTeam { Id = i, CodeName = $"team{i}", Name = $"Team {i}", IsPersistent = i % 3 == 0 }).ToList();
        db.PublicSites.AddRange(Enumerable.Range(1, Sites).Select(i => new PublicSite
        {
            Id = i, Name = $"Site {i}", Title = $"Site {i}", IsPrimary = i == 1,
            Hostnames = [new PublicSiteHostname { Hostname = $"site{i}.example.com", IsPrimary = true }],
        }));
        db.SupportTeams.AddRange(teams);
        db.Embassies.AddRange(new Embassy { Id = 1, Name = "Partner Desk" }, new Embassy { Id = 2, Name = "Vendor Desk" });
        db.Representatives.AddRange(Enumerable.Range(1, Agents).Select(i => new Representative
        {
            Id = i, Username = $"rep{i:00}", PublicDisplayName = $"Rep {i:00}", PrivateDisplayName = $"Rep {i:00}", PortalUserName = Agent(i),
            Teams = [teams[(i - 1) % Teams]],
        }));
        db.SupportIssues.Add(new SupportIssue { Id = 1, CodeName = "other", Description = "Something else", TeamId = 1 });
        db.ApiAccounts.AddRange(ApiAccounts.Select((a, i) => new ApiAccount
        {
            Id = i + 1, Name = a.ClientId, ClientId = a.ClientId, CommandPermission = CommandPermission.FullAccess, CreatedAt = BenchHost.Now.AddYears(-2),
        }));
        await db.SaveChangesAsync();
    }

    private (long Sessions, long Audit) Seed(SqliteConnection connection)
    {
        var keys = new KeyInsert(connection, _stored);
        var sessions = new SessionInsert(connection, _stored);
        var audit = new AuditInsert(connection, _stored);
        var transaction = connection.BeginTransaction();
        keys.Enlist(transaction); sessions.Enlist(transaction); audit.Enlist(transaction);

        Append(audit, new AuditRecord("system", AuditActions.SeedApplied, Details: "{\"data\":\"bench\"}"), BenchHost.Now.AddDays(-366));
        long sessionId = 0;
        long id = 0;
        foreach (var issuedAt in IssueTimes())
        {
            id++;
            FlushPendingUntil(audit, issuedAt);
            var key = NextKey(id, issuedAt);
            keys.Add(key);
            Append(audit, new AuditRecord(key.IssuerKind == IssuerKind.User ? $"user:{key.IssuedBy}" : $"api:{key.IssuedBy}", AuditActions.KeyIssued,
                AuditSubjects.SessionKey, Text(id), IssueDetails(key)), issuedAt);

            if (key.RedeemedAt is { } redeemedAt)
            {
                var session = NextSession(++sessionId, key, redeemedAt);
                sessions.Add(session);
                Later(redeemedAt, new AuditRecord($"customer:10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}", AuditActions.KeyRedeemed,
                    AuditSubjects.SessionKey, Text(id), $"{{\"site\":{key.RedeemedSiteId},\"method\":\"{session.Method}\"}}"));
                if (session.AcceptedAt is { } acceptedAt)
                {
                    Later(acceptedAt, new AuditRecord($"user:{session.AcceptedBy}", AuditActions.SessionAccepted, AuditSubjects.SupportSession, Text(sessionId)));
                }
                if (session.EndedAt is { } endedAt)
                {
                    Later(endedAt, new AuditRecord($"user:{session.AcceptedBy}", AuditActions.SessionEnded, AuditSubjects.SupportSession, Text(sessionId)));
                }
            }
            if (key.RevokedAt is { } revokedAt)
            {
                Later(revokedAt, new AuditRecord($"user:{key.RevokedBy}", AuditActions.KeyRevoked, AuditSubjects.SessionKey, Text(id),
                    AuditRecord.Serialize(new { shortKey = key.ShortKey, reason = key.RevokeReason, issuedBy = key.IssuedBy })));
            }

            if (id % BatchSize == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                keys.Enlist(transaction); sessions.Enlist(transaction); audit.Enlist(transaction);
                if (id % (BatchSize * 10) == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {id:N0} keys"));
            }
        }
        FlushPendingUntil(audit, BenchHost.Now);
        transaction.Commit();
        transaction.Dispose();
        return (sessionId, _head.Sequence);
    }

    /// <summary>Issue times over the year before <see cref="BenchHost.Now"/>: fewer at weekends, most in working hours.</summary>
    private IEnumerable<DateTimeOffset> IssueTimes()
    {
        var firstDay = BenchHost.Now.UtcDateTime.Date.AddDays(-364);
        var days = Enumerable.Range(0, 365).Select(d => firstDay.AddDays(d)).ToList();
        var weights = days.Select(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.3 : 1.0).ToList();
        var total = weights.Sum();
        var issued = 0;
        for (var d = 0; d < days.Count; d++)
        {
            var count = d == days.Count - 1 ? keyCount - issued : (int)Math.Round(keyCount * weights[d] / total);
            count = Math.Min(count, keyCount - issued);
            issued += count;
            // The last day ends at Now; other days span 24 hours with a working-day bulge.
            var span = d == days.Count - 1 ? (BenchHost.Now.UtcDateTime - days[d]).TotalSeconds : 86_400;
            var seconds = Enumerable.Range(0, count).Select(_ => WorkingHoursSecond(span)).Order().ToList();
            foreach (var second in seconds)
            {
                yield return new DateTimeOffset(days[d].AddSeconds(second), TimeSpan.Zero);
            }
        }
    }

    private int WorkingHoursSecond(double span)
    {
        // 70% between 07:00 and 19:00 UTC, the rest anywhere in the day.
        var second = _random.NextDouble() < 0.7 ? 25_200 + _random.Next(43_200) : _random.Next(86_400);
        return (int)Math.Min(second, Math.Max(0, span - 1));
    }

    private SessionKey NextKey(long id, DateTimeOffset issuedAt)
    {
        var site = Pick(SiteWeights) + 1;
        var (ttl, ttlGiven, _) = Ttls[Pick(Ttls.Select(t => t.Weight).ToArray())];
        var key = new SessionKey
        {
            Id = id,
            ShortKey = _random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture),
            AccessKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            TtlSeconds = ttl,
            TtlWasGiven = ttlGiven,
            IssuedAt = issuedAt,
            ExpiresAt = issuedAt.AddSeconds(ttl),
            SiteId = site,
            UrlHostname = $"site{site}.example.com",
            RequestedQueue = "general",
            KeyUrl = "",
            IssuedBy = "",
            AvailableAtIssue = _random.NextDouble() < 0.85,
        };
        key.KeyUrl = $"https://{key.UrlHostname}/?ak={key.AccessKey}";

        var queue = _random.NextDouble();
        if (queue < 0.60)
        {
            var team = Pick([30, 20, 15, 10, 10, 8, 4, 3]) + 1;
            (key.QueueKind, key.QueueId, key.QueueTeamId) = (QueueKind.Team, team, team);
            key.RequestedQueue = team == 1 && _random.NextDouble() < 0.2 ? "issue:other" : $"team:{team}";
        }
        else if (queue < 0.80)
        {
            var rep = _random.Next(1, Agents + 1);
            (key.QueueKind, key.QueueId, key.RequestedQueue) = (QueueKind.Rep, rep, $"rep:{rep}");
        }
        else if (queue < 0.95)
        {
            key.QueueKind = QueueKind.General;
        }
        else
        {
            var embassy = _random.Next(1, 3);
            (key.QueueKind, key.QueueId, key.RequestedQueue) = (QueueKind.Embassy, embassy, $"embassy:{embassy}");
        }

        if (_random.NextDouble() < 0.70)
        {
            // A few busy agents issue most keys.
            (key.IssuerKind, key.IssuedBy) = (IssuerKind.User, Agent(Math.Min(Agents, 1 + (int)(Agents * Math.Pow(_random.NextDouble(), 2)))));
        }
        else
        {
            var account = Pick(ApiAccounts.Select(a => a.Weight).ToArray());
            (key.IssuerKind, key.IssuedBy, key.ApiAccountId) = (IssuerKind.ApiAccount, ApiAccounts[account].ClientId, account + 1);
        }

        var external = _random.NextDouble();
        key.ExternalKey = external < 0.55 ? $"INC{1_000_000 + id:D7}" : external < 0.65 ? $"REQ{100_000 + id / 3:D6}" : null;
        if (_random.NextDouble() < 0.2) key.Priority = _random.Next(1, 4);
        if (_random.NextDouble() < 0.15) key.Skills = _random.NextDouble() < 0.5 ? "windows" : "windows,networking";
        if (_random.NextDouble() < 0.1) key.CustomFieldsJson = $"{{\"custom_field1\":\"asset-{_random.Next(100_000)}\"}}";

        var fate = _random.NextDouble();
        if (fate < 0.62)
        {
            // Most customers use the key within minutes; some take hours, never longer than its lifetime.
            var delay = Math.Min(ttl - 1, 30 + (int)(-Math.Log(1 - _random.NextDouble()) * 600));
            var redeemedAt = issuedAt.AddSeconds(delay);
            if (redeemedAt <= BenchHost.Now)
            {
                key.RedeemedAt = redeemedAt;
                key.RedeemedSiteId = _random.NextDouble() < 0.8 ? site : _random.Next(1, Sites + 1);
            }
        }
        else if (fate < 0.65)
        {
            var revokedAt = issuedAt.AddSeconds(_random.Next(10, Math.Min(ttl, 3_600)));
            if (revokedAt <= BenchHost.Now)
            {
                (key.RevokedAt, key.RevokedBy, key.RevokeReason) = (revokedAt, $"supervisor{_random.Next(1, 4)}", "sent to the wrong customer");
            }
        }
        // Only keys that can still be redeemed hold their short key (expired ones have given it up); among them it is unique,
        // as the portal's authority draws again on a clash.
        if (key.RedeemedAt is null && key.RevokedAt is null && key.ExpiresAt > BenchHost.Now)
        {
            while (!_liveShortKeys.Add(key.ShortKey)) key.ShortKey = _random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            key.LiveShortKey = key.ShortKey;
        }
        return key;
    }

    private SupportSession NextSession(long id, SessionKey key, DateTimeOffset redeemedAt)
    {
        var session = new SupportSession
        {
            Id = id, SessionKeyId = key.Id, SiteId = key.RedeemedSiteId!.Value, StartedAt = redeemedAt,
            Method = _random.NextDouble() < 0.7 ? RedemptionMethod.ShortKeyEntry : RedemptionMethod.KeyUrl,
            QueueKind = key.QueueKind, QueueId = key.QueueId, QueueTeamId = key.QueueTeamId,
            CustomerName = Customers[_random.Next(Customers.Length)], ExternalKey = key.ExternalKey, Priority = key.Priority,
            Status = SupportSessionStatus.Waiting,
        };
        var acceptedAt = redeemedAt.AddSeconds(_random.Next(10, 600));
        if (acceptedAt > BenchHost.Now) return session;
        (session.Status, session.AcceptedAt, session.AcceptedBy) = (SupportSessionStatus.Active, acceptedAt, Agent(_random.Next(1, Agents + 1)));
        var endedAt = acceptedAt.AddSeconds(_random.Next(120, 3_600));
        if (endedAt <= BenchHost.Now) (session.Status, session.EndedAt) = (SupportSessionStatus.Ended, endedAt);
        return session;
    }

    private void Later(DateTimeOffset at, AuditRecord record) => _pending.Enqueue(new PendingAudit(at, record), (at, _pendingOrder++));

    private void FlushPendingUntil(AuditInsert audit, DateTimeOffset until)
    {
        while (_pending.TryPeek(out var next, out _) && next.At <= until)
        {
            _pending.Dequeue();
            Append(audit, next.Record, next.At);
        }
    }

    /// <summary>Links an entry as the portal's writer does (same canonical hash) and inserts it.</summary>
    private void Append(AuditInsert audit, AuditRecord record, DateTimeOffset at)
    {
        var entry = new AuditEntry
        {
            Sequence = _head.Sequence + 1,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()),
            Actor = record.Actor, Action = record.Action, SubjectType = record.SubjectType, SubjectId = record.SubjectId, Details = record.Details,
            PreviousHash = _head.Hash, Hash = "",
        };
        entry.Hash = AuditChain.ComputeHash(entry);
        audit.Add(entry);
        _head = new ChainHead(entry.Sequence, entry.Hash);
    }

    private static string IssueDetails(SessionKey key) => JsonSerializer.Serialize(new
    {
        shortKey = key.ShortKey, queue = key.QueueKind.ToString().ToLowerInvariant(), queueId = key.QueueId, requestedQueue = key.RequestedQueue,
        site = $"Site {key.SiteId}", urlHostname = key.UrlHostname, externalKey = key.ExternalKey, ttl = key.TtlSeconds,
        expires = key.ExpiresAt.ToUnixTimeSeconds(), available = key.AvailableAtIssue, origin = "Embedded",
    });

    private int Pick(double[] weights)
    {
        var roll = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0) return i;
        }
        return weights.Length - 1;
    }

    private static string Agent(int i) => $"agent{i:00}";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record PendingAudit(DateTimeOffset At, AuditRecord Record);
}
