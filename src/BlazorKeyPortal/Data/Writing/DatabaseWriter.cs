using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// The one writer of keys, sessions and audit entries. Callers queue work; a dedicated thread takes
/// whatever is waiting, runs it inside one transaction and commits once (group commit), so SQLite never sees
/// competing writers and one fsync serves many callers.
/// A caller's task completes only after the batch holding its work has committed.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs "async" calls synchronously and sleeps on a busy database; on a dedicated
/// thread that costs no thread-pool thread that Blazor circuits or requests need.
/// </remarks>
public sealed partial class DatabaseWriter(
    IDbContextFactory<PortalDbContext> contextFactory,
    AuditChain chain,
    TimeProvider time,
    IOptions<DatabaseOptions> options,
    IMeterFactory meters,
    AuditEventLog auditLog,
    ILogger<DatabaseWriter> logger) : IHostedService, IDisposable
{
    /// <summary>The meter of the writer's instruments (read them with <c>dotnet-counters monitor --counters BlazorKeyPortal.DatabaseWriter</c>).</summary>
    public const string MeterName = "BlazorKeyPortal.DatabaseWriter";

    private readonly WriterMetrics _metrics = new(meters.Create(MeterName));
    private readonly Channel<IWriteItem> _queue = Channel.CreateUnbounded<IWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _chainLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private WriterSession? _session; // touched only by the writer thread
    private int _backgroundCheckpointed;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer thread inside the next batch's transaction and returns its
    /// result once that batch has committed. Work must be synchronous and must not call back into the writer.
    /// An exception thrown by the work rolls back that work only and is rethrown to the caller.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken = default) =>
        Enqueue(new WriteItem<T>(work, isRepeatable: false, cancellationToken));

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for hot paths whose work may run more than once: it reads and writes only
    /// through the scope and changes nothing outside it (no captured entity, no cache). Such work runs without a
    /// savepoint; if one piece fails, the batch's transaction is rolled back and the others run again.
    /// </summary>
    public Task<T> WriteRepeatableAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken = default) =>
        Enqueue(new WriteItem<T>(work, isRepeatable: true, cancellationToken));

    private Task<T> Enqueue<T>(WriteItem<T> item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The database writer has stopped.");
        }
        return item.Task;
    }

    /// <summary>Completes once the audit chain's head has been read from the database.</summary>
    public Task Ready => _chainLoaded.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "database-writer" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        // Let what is queued commit; the thread ends when the queue is empty. Not cut short by the host's token: once the
        // server has used up the shutdown time (a connection that would not close), work already accepted still commits.
        return Task.Run(() => _thread?.Join(TimeSpan.FromSeconds(10)), CancellationToken.None);
    }

    public void Dispose() => _queue.Writer.TryComplete();

    private void Run()
    {
        try
        {
            LoadChainHead();
            _chainLoaded.TrySetResult();
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The database writer could not read the audit chain's head.");
            _chainLoaded.TrySetException(ex);
        }

        var reader = _queue.Reader;
        var batch = new List<IWriteItem>(options.Value.MaxBatchSize);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var item))
            {
                if (!item.IsCancelled)
                {
                    batch.Add(item);
                }
            }
            if (batch.Count > 0)
            {
                var started = Stopwatch.GetTimestamp();
                using (var activity = StartBatchActivity(batch))
                {
                    CommitBatch(batch, activity);
                }
                _metrics.BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                _metrics.BatchSize.Record(batch.Count);
                batch.Clear();
                KeepLogWithinLimit();
            }
        }
        DropSession();
    }

    /// <summary>Called by <see cref="WalCheckpointer"/> after each pass; see <see cref="LogNeedsCheckpoint"/>.</summary>
    public void OnBackgroundCheckpoint() => Volatile.Write(ref _backgroundCheckpointed, 1);

    /// <summary>
    /// Whether the writer checkpoints the log itself after a batch. Past the limit it waits for a background pass to end,
    /// which leaves only what was written during that pass to copy while no batch can run; past twice the limit (the
    /// background checkpoint failing or far behind) it does not wait.
    /// </summary>
    public static bool LogNeedsCheckpoint(long logLength, long limit, bool justAfterBackgroundPass) =>
        logLength > 2 * limit || (justAfterBackgroundPass && logLength > limit);

    private void KeepLogWithinLimit()
    {
        try
        {
            _session?.KeepLogWithinLimit(justAfterBackgroundPass: Interlocked.Exchange(ref _backgroundCheckpointed, 0) == 1);
        }
        catch (Exception ex)
        {
            // The batch is committed already; the next batch tries again, on a fresh connection.
            logger.LogWarning(ex, "The write-ahead log could not be checkpointed after a batch.");
            DropSession();
        }
    }

    /// <summary>Closes the writer's connection; the next batch opens a fresh one.</summary>
    private void DropSession()
    {
        var session = _session;
        _session = null;
        try
        {
            session?.Dispose();
        }
        catch (Exception ex)
        {
            // Called after a failure, on a connection that may be broken: an exception here on the writer thread would
            // end the process, and the connection is dropped either way.
            logger.LogWarning(ex, "The writer's connection could not be closed cleanly.");
        }
    }
}
