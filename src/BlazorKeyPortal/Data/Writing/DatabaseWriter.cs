using System.Threading.Channels;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// The one writer of keys, sessions and audit entries. Callers queue work; a dedicated thread takes
/// whatever is waiting, runs each piece of work in its own savepoint inside one transaction and commits
/// once (group commit), so SQLite never sees competing writers and one fsync serves many callers.
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
    ILogger<DatabaseWriter> logger) : IHostedService, IDisposable
{
    private readonly Channel<IWriteItem> _queue = Channel.CreateUnbounded<IWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _chainLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;

    /// <summary>
    /// Runs <paramref name="work"/> on the writer thread inside the next batch's transaction and returns its
    /// result once that batch has committed. Work must be synchronous and must not call back into the writer.
    /// An exception thrown by the work rolls back that work only and is rethrown to the caller.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<WriteScope, T> work, CancellationToken cancellationToken = default)
    {
        var item = new WriteItem<T>(work, cancellationToken);
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
                CommitBatch(batch);
                batch.Clear();
            }
        }
    }

    private void LoadChainHead()
    {
        using var db = contextFactory.CreateDbContext();
        var last = db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
        chain.Head = last is null ? new ChainHead(0, AuditChain.GenesisHash) : new ChainHead(last.Sequence, last.Hash);
    }

    private void CommitBatch(List<IWriteItem> batch)
    {
        if (!_chainLoaded.Task.IsCompletedSuccessfully)
        {
            // The head could not be read: without it no entry can be linked. Try again for this batch.
            try { LoadChainHead(); _chainLoaded.TrySetResult(); }
            catch (Exception ex) { FailAll(batch, ex); return; }
        }

        var headAtStart = chain.Head;
        var succeeded = new List<IWriteItem>(batch.Count);
        try
        {
            using var db = contextFactory.CreateDbContext();
            db.Database.SetCommandTimeout(options.Value.WriteTimeoutSeconds);
            using var transaction = db.Database.BeginTransaction();
            var scope = new WriteScope(db, chain, time);
            foreach (var item in batch)
            {
                var headBefore = chain.Head;
                transaction.CreateSavepoint("item");
                try
                {
                    item.Run(scope);
                    db.SaveChanges();
                    transaction.ReleaseSavepoint("item");
                    succeeded.Add(item);
                }
                catch (Exception ex)
                {
                    transaction.RollbackToSavepoint("item");
                    chain.Head = headBefore;
                    item.Fail(ex);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
            transaction.Commit();
        }
        catch (Exception ex)
        {
            chain.Head = headAtStart;
            logger.LogError(ex, "A write batch of {Count} items failed to commit.", batch.Count);
            // Items that already failed keep their own exception (completion is set only once).
            FailAll(batch, ex);
            return;
        }

        foreach (var item in succeeded)
        {
            item.Complete();
        }
    }

    private static void FailAll(IEnumerable<IWriteItem> items, Exception ex)
    {
        foreach (var item in items)
        {
            item.Fail(ex);
        }
    }

    private interface IWriteItem
    {
        bool IsCancelled { get; }
        void Run(WriteScope scope);
        void Complete();
        void Fail(Exception ex);
    }

    private sealed class WriteItem<T>(Func<WriteScope, T> work, CancellationToken cancellationToken) : IWriteItem
    {
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

    internal WriteScope(PortalDbContext db, AuditChain chain, TimeProvider time)
    {
        Db = db;
        _chain = chain;
        _time = time;
    }

    public PortalDbContext Db { get; }

    /// <summary>Appends an entry to the audit chain; it is saved with the work's other changes or not at all.</summary>
    public AuditEntry Audit(AuditRecord record)
    {
        var entry = _chain.Link(record, _time.GetUtcNow());
        Db.AuditEntries.Add(entry);
        return entry;
    }
}
