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
public sealed class DatabaseWriter(
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
        // Let what is queued commit; the thread ends when the queue is empty.
        return Task.Run(() => _thread?.Join(TimeSpan.FromSeconds(10)), cancellationToken);
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

    private void LoadChainHead()
    {
        using var db = contextFactory.CreateDbContext();
        var last = db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
        chain.Start(last is null ? new ChainHead(0, AuditChain.GenesisHash) : new ChainHead(last.Sequence, last.Hash));
    }

    /// <summary>
    /// The batch's span, a child of the first caller's span that has one and linked to the others', so that each caller's
    /// trace shows the commit it waited for. Null, at the cost of one check, while nobody listens.
    /// </summary>
    private static Activity? StartBatchActivity(List<IWriteItem> batch)
    {
        if (!PortalTelemetry.Source.HasListeners()) return null;
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var item in batch)
        {
            if (item.Caller == default) continue;
            if (parent == default) parent = item.Caller;
            else (links ??= []).Add(new ActivityLink(item.Caller));
        }
        var activity = PortalTelemetry.Source.StartActivity("DatabaseWriter batch", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("blazorkeyportal.writer.batch.size", batch.Count);
        return activity;
    }

    private void CommitBatch(List<IWriteItem> batch, Activity? activity)
    {
        if (!_chainLoaded.Task.IsCompletedSuccessfully)
        {
            // The head could not be read: without it no entry can be linked. Try again for this batch.
            try { LoadChainHead(); _chainLoaded.TrySetResult(); }
            catch (Exception ex) { activity?.SetStatus(ActivityStatusCode.Error, ex.Message); FailAll(batch, ex); return; }
        }

        var headAtStart = chain.Head;
        var succeeded = new List<IWriteItem>(batch.Count);
        AuditEntry[] committedAudit;
        try
        {
            _session ??= WriterSession.Open(contextFactory, options.Value);
            committedAudit = RunAndCommit(_session, batch, headAtStart, succeeded);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            chain.Head = headAtStart;
            // Whatever broke (a lock, a read-only file, a lost server), the next batch starts on a fresh connection.
            DropSession();
            logger.LogError(ex, "A write batch of {Count} items failed to commit.", batch.Count);
            // Items that already failed keep their own exception (completion is set only once).
            FailAll(batch, ex);
            return;
        }

        chain.Committed();
        foreach (var item in succeeded)
        {
            item.Complete();
        }
        auditLog.Committed(committedAudit);
    }

    /// <summary>Runs the batch and commits it; returns the audit entries that were committed, in order.</summary>
    private AuditEntry[] RunAndCommit(WriterSession session, List<IWriteItem> batch, ChainHead headAtStart, List<IWriteItem> succeeded)
    {
        var scope = new WriteScope(session.Db, session.Statements, chain, time);
        // Repeatable work runs first, straight in the transaction, with no savepoint: a savepoint makes SQLite copy
        // every page the work changes (a tenth of the writer's time per key). If one piece fails, the transaction is
        // rolled back, which loses nothing else because nothing else has run yet, and the rest runs again without it.
        var repeatable = batch.Where(i => i.IsRepeatable).ToList();
        while (true)
        {
            using var transaction = session.Db.Database.BeginTransaction();
            session.Statements.Enlist(transaction.GetDbTransaction());
            // Another process on the same database (an overlapped recycle, a second instance) may have appended entries
            // since the last batch: the head is whatever the database says inside this transaction, never memory.
            chain.Observe(session.Statements.ReadChainHead(), session.Statements.ChainHashAt);
            if (RunRepeatable(scope, repeatable) is var (failed, error))
            {
                transaction.Rollback();
                chain.Head = headAtStart;
                repeatable[failed].Fail(error);
                repeatable.RemoveAt(failed);
                continue;
            }
            succeeded.AddRange(repeatable);

            // Other work may change what running it again would not undo (captured entities, caches): each piece gets
            // a savepoint of its own, so that a failure takes nothing else with it.
            foreach (var item in batch.Where(i => !i.IsRepeatable))
            {
                RunInSavepoint(scope, item, succeeded);
            }
            transaction.Commit();
            return auditLog.IsEnabled ? scope.CommittedAudit(headAtStart, chain.Head) : [];
        }
    }

    /// <summary>Runs <paramref name="items"/> in order; returns the first that failed, and why, or null when all ran.</summary>
    private static (int Index, Exception Error)? RunRepeatable(WriteScope scope, List<IWriteItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                Run(scope, items[i]);
            }
            catch (Exception ex)
            {
                return (i, ex);
            }
        }
        return null;
    }

    private void RunInSavepoint(WriteScope scope, IWriteItem item, List<IWriteItem> succeeded)
    {
        var headBefore = chain.Head;
        scope.Statements.CreateSavepoint();
        try
        {
            Run(scope, item);
        }
        catch (Exception ex)
        {
            scope.Statements.RollbackToSavepoint();
            scope.Statements.ReleaseSavepoint();
            chain.Head = headBefore;
            item.Fail(ex);
            return;
        }
        scope.Statements.ReleaseSavepoint();
        succeeded.Add(item);
    }

    private static void Run(WriteScope scope, IWriteItem item)
    {
        try
        {
            item.Run(scope);
            // Work that used only prepared statements leaves nothing tracked: skip EF's save pipeline.
            if (scope.Db.ChangeTracker.HasChanges()) scope.Db.SaveChanges();
        }
        finally
        {
            scope.Db.ChangeTracker.Clear();
        }
    }

    private static void FailAll(IEnumerable<IWriteItem> items, Exception ex)
    {
        foreach (var item in items)
        {
            item.Fail(ex);
        }
    }

    /// <summary>
    /// The writer's own context and connection, open from one batch to the next: SQLite's page cache stays warm
    /// (a connection that only ever sees its own writes never has to throw its cache away) and statements stay
    /// prepared. A failed batch disposes the session; the next batch opens a new one.
    /// </summary>
    private sealed class WriterSession : IDisposable
    {
        private readonly string? _logPath;
        private readonly long _logSizeLimit;

        private WriterSession(PortalDbContext db, string? logPath, long logSizeLimit)
        {
            Db = db;
            Statements = new PreparedStatements(db);
            _logPath = logPath;
            _logSizeLimit = logSizeLimit;
        }

        public PortalDbContext Db { get; }

        public PreparedStatements Statements { get; }

        public static WriterSession Open(IDbContextFactory<PortalDbContext> contextFactory, DatabaseOptions options)
        {
            var db = contextFactory.CreateDbContext();
            try
            {
                db.Database.SetCommandTimeout(options.WriteTimeoutSeconds);
                db.Database.OpenConnection();
                if (db.Database.IsSqlite())
                {
                    var connection = (SqliteConnection)db.Database.GetDbConnection();
                    // Each batch begins with BEGIN IMMEDIATE, which Microsoft.Data.Sqlite runs as a command of its own under the
                    // connection's default timeout (30 s), not EF's command timeout: on a database another process holds
                    // locked, callers waited 30 s for their 503 whatever the setting said.
                    connection.DefaultTimeout = options.WriteTimeoutSeconds;
                    // Checkpoints run on their own thread (WalCheckpointer), off this serial path. A savepoint (taken
                    // for work that cannot run again) copies the pages it changes into a sub-journal: kept in memory, not
                    // spilled to a temporary file (that cost 15 % of the writer's time). An 8 MB cache holds the key indexes'
                    // hot pages; SQLite walks the whole cache at every commit, so a much larger one costs more than it saves.
                    db.Database.ExecuteSqlRaw("PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192;");
                    // When this connection starts the log again from its beginning, SQLite cuts the file back to this size.
                    var limit = options.WalSizeLimitMegabytes * 1024L * 1024L;
                    var sizeLimit = FormattableString.Invariant($"PRAGMA journal_size_limit={limit};"); // a pragma takes no parameters
                    db.Database.ExecuteSqlRaw(sizeLimit);
                    return new WriterSession(db, connection.DataSource + "-wal", limit);
                }
                return new WriterSession(db, logPath: null, logSizeLimit: 0);
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Once the log has grown past its limit, copies what the background checkpoint has not copied yet into the
        /// database file. No frame can be added meanwhile, since this is the only writer, so the checkpoint completes, and
        /// the next batch starts the log again from its beginning. A passive checkpoint never waits: frames a reader still
        /// needs stay, and a later batch tries again.
        /// </summary>
        public void KeepLogWithinLimit(bool justAfterBackgroundPass)
        {
            if (_logPath is null) return;
            var log = new FileInfo(_logPath);
            if (log.Exists && LogNeedsCheckpoint(log.Length, _logSizeLimit, justAfterBackgroundPass))
            {
                Db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(PASSIVE);");
            }
        }

        public void Dispose()
        {
            Statements.Dispose();
            Db.Dispose();
        }
    }

    private sealed class WriterMetrics(Meter meter)
    {
        public Histogram<int> BatchSize { get; } = meter.CreateHistogram<int>(
            "portal.writer.batch.size", "{item}", "Pieces of work committed together in one transaction.");

        public Histogram<double> BatchDuration { get; } = meter.CreateHistogram<double>(
            "portal.writer.batch.duration", "ms", "Time from the start of a batch to its commit, fsync included.");
    }

    private interface IWriteItem
    {
        bool IsRepeatable { get; }
        bool IsCancelled { get; }
        /// <summary>The span of the code that queued the work, if any was recorded.</summary>
        ActivityContext Caller { get; }
        void Run(WriteScope scope);
        void Complete();
        void Fail(Exception ex);
    }

    private sealed class WriteItem<T>(Func<WriteScope, T> work, bool isRepeatable, CancellationToken cancellationToken) : IWriteItem
    {
        public bool IsRepeatable => isRepeatable;

        // Captured on the caller's side: the writer thread has no ambient activity of the caller's.
        public ActivityContext Caller { get; } = PortalTelemetry.Source.HasListeners() ? Activity.Current?.Context ?? default : default;

        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public bool IsCancelled
        {
            get
            {
                if (!cancellationToken.IsCancellationRequested) return false;
                _completion.TrySetCanceled(cancellationToken);
                return true;
            }
        }

        public void Run(WriteScope scope) => _result = work(scope);
        public void Complete() => _completion.TrySetResult(_result!);
        public void Fail(Exception ex) => _completion.TrySetException(ex);
    }
}

/// <summary>What a piece of work sees inside the writer's transaction.</summary>
public sealed class WriteScope
{
    private readonly AuditChain _chain;
    private readonly TimeProvider _time;
    private readonly List<AuditEntry> _appended = [];

    internal WriteScope(PortalDbContext db, PreparedStatements statements, AuditChain chain, TimeProvider time)
    {
        Db = db;
        Statements = statements;
        _chain = chain;
        _time = time;
    }

    public PortalDbContext Db { get; }

    /// <summary>Prepared single-row statements on this batch's connection and transaction, for hot paths.</summary>
    public PreparedStatements Statements { get; }

    /// <summary>
    /// Appends an entry to the audit chain, written at once inside the work's transaction: it is committed
    /// with the work's other changes or rolled back with them.
    /// </summary>
    public AuditEntry Audit(AuditRecord record)
    {
        var entry = _chain.Link(record, _time.GetUtcNow());
        Statements.Insert(entry);
        _appended.Add(entry);
        return entry;
    }

    /// <summary>
    /// The entries of this batch that were committed, in order: the chain from <paramref name="start"/> to
    /// <paramref name="end"/>, followed back from its end. Entries of rolled-back work are not on it, since the head
    /// moved back past them and the next entry was linked to what came before.
    /// </summary>
    internal AuditEntry[] CommittedAudit(ChainHead start, ChainHead end)
    {
        var committed = new AuditEntry[end.Sequence - start.Sequence];
        var expected = end.Hash;
        var next = committed.Length - 1;
        for (var i = _appended.Count - 1; i >= 0 && next >= 0; i--)
        {
            if (!string.Equals(_appended[i].Hash, expected, StringComparison.Ordinal)) continue;
            committed[next--] = _appended[i];
            expected = _appended[i].PreviousHash;
        }
        return next < 0 ? committed : committed[(next + 1)..];
    }
}
