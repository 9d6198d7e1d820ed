using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Data.Writing;

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
