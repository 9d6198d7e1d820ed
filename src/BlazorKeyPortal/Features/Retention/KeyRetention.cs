using System.Globalization;
using System.Text.Json;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Retention;

/// <summary>
/// Deletes session keys older than <see cref="RetentionOptions.KeyDays"/>, oldest first, together with the ended support
/// sessions they opened (a support session refers to its key). The audit trail keeps every entry about them: it does not
/// refer to key rows, so it still verifies, and each batch adds an entry that says what was deleted.
/// </summary>
/// <remarks>
/// Each batch is one piece of work for the single <see cref="DatabaseWriter"/>, so it never competes with it for the
/// database; a batch of <see cref="BatchSize"/> keys holds up the keys being issued only for the milliseconds of its own
/// deletes, and the issues queued meanwhile commit before the next batch.
/// </remarks>
public sealed class KeyRetention(DatabaseWriter writer, IOptions<RetentionOptions> options, TimeProvider time)
{
    public const int BatchSize = 1_000;

    /// <summary>Deletes every key issued before the retention period; returns how many. Nothing when no period is set.</summary>
    public async Task<int> RemoveExpiredKeysAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.KeyDays is not { } days) return 0;
        var issuedBefore = time.GetUtcNow() - TimeSpan.FromDays(days);
        var total = 0;
        while (true)
        {
            var deleted = await writer.WriteAsync(scope => DeleteBatch(scope, issuedBefore), cancellationToken);
            total += deleted;
            if (deleted < BatchSize) return total;
        }
    }

    private static int DeleteBatch(WriteScope scope, DateTimeOffset issuedBefore)
    {
        var db = scope.Db;
        var ids = db.SessionKeys
            .Where(k => k.IssuedAt < issuedBefore
                && !db.SupportSessions.Any(s => s.SessionKeyId == k.Id && s.Status != SupportSessionStatus.Ended))
            .OrderBy(k => k.IssuedAt)
            .Select(k => k.Id)
            .Take(BatchSize)
            .ToList();
        if (ids.Count == 0) return 0;

        var sessions = db.SupportSessions.Where(s => ids.Contains(s.SessionKeyId)).ExecuteDelete();
        var keys = db.SessionKeys.Where(k => ids.Contains(k.Id)).ExecuteDelete();
        scope.Audit(new AuditRecord("system", AuditActions.KeysRemovedByRetention, AuditSubjects.SessionKey, Details: JsonSerializer.Serialize(new
        {
            keys,
            support_sessions = sessions,
            issued_before = issuedBefore.ToString("O", CultureInfo.InvariantCulture),
            first_id = ids.Min(),
            last_id = ids.Max(),
        })));
        return keys;
    }
}

/// <summary>Applies <see cref="KeyRetention"/> once an hour.</summary>
internal sealed class KeyRetentionSweeper(KeyRetention retention, TimeProvider time, ILogger<KeyRetentionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(time, Period, SweepAsync, ex => logger.LogWarning(ex, "Session keys past their retention period could not be deleted."), stoppingToken);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = await retention.RemoveExpiredKeysAsync(cancellationToken);
        if (deleted > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Deleted {Count} session keys past their retention period.", deleted);
        }
    }
}
