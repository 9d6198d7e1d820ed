using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file once a second, on its own thread.
/// The writer turns SQLite's automatic checkpoint off on its connection: left on, every thousandth page
/// would make one unlucky batch (and every caller waiting on it) also copy and fsync the whole log.
/// A passive checkpoint never blocks the writer or readers; the log is reused from its start after one completes.
/// Durability does not depend on it: a commit is durable once its log frames are synced.
/// </summary>
public sealed class WalCheckpointer(
    IDbContextFactory<PortalDbContext> contextFactory,
    DatabaseWriter writer,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Provider != DatabaseProvider.Sqlite
            ? Task.CompletedTask // SQL Server manages its own log
            : PeriodicWork.RunAsync(time, Interval, CheckpointAsync,
                ex => logger.LogWarning(ex, "A write-ahead log checkpoint failed; the next one follows in {Interval}.", Interval), stoppingToken);

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        // What this pass could not copy was written while it ran: if the log is too long, now is when the writer's own
        // checkpoint has the least left to copy.
        writer.OnBackgroundCheckpoint();
    }
}
