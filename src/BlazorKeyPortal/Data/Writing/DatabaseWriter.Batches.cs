using System.Diagnostics;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// The writer's batches: each runs inside one transaction, linked to the audit chain's head as the database has it, with
/// repeatable work first and without savepoints, then other work each in a savepoint of its own, and commits once.
/// </summary>
public sealed partial class DatabaseWriter
{
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
}
