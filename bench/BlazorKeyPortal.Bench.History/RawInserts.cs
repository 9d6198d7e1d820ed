using BlazorKeyPortal.Data.Entities;
using Microsoft.Data.Sqlite;

namespace BlazorKeyPortal.Bench.History;

/// <summary>One prepared INSERT, re-bound per row: the fastest way to load SQLite short of its own import tool.</summary>
internal class PreparedInsert
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    protected PreparedInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
    }

    public void Enlist(SqliteTransaction transaction) => _command.Transaction = transaction;

    protected void Insert(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        _command.ExecuteNonQuery();
    }
}

/// <summary>DateTimeOffsets go in as the portal's SQLite context stores them (its value converter), enums as their names.</summary>
internal sealed class KeyInsert(SqliteConnection connection, Func<DateTimeOffset, long> stored) : PreparedInsert(connection, "SessionKeys",
    "Id", "ShortKey", "LiveShortKey", "AccessKey", "SessionType", "QueueKind", "QueueId", "RequestedQueue", "QueueTeamId", "ExternalKey",
    "CustomFieldsJson", "Priority", "Skills", "TtlSeconds", "TtlWasGiven", "IssuedAt", "ExpiresAt", "SiteId", "UrlHostname", "KeyUrl",
    "AvailableAtIssue", "IssuerKind", "IssuedBy", "ApiAccountId", "Origin", "RedeemedAt", "RedeemedSiteId", "RevokedAt", "RevokedBy", "RevokeReason")
{
    public void Add(SessionKey k) => Insert(
        k.Id, k.ShortKey, k.LiveShortKey, k.AccessKey, k.SessionType, k.QueueKind.ToString(), k.QueueId, k.RequestedQueue, k.QueueTeamId, k.ExternalKey,
        k.CustomFieldsJson, k.Priority, k.Skills, k.TtlSeconds, k.TtlWasGiven, stored(k.IssuedAt), stored(k.ExpiresAt), k.SiteId, k.UrlHostname, k.KeyUrl,
        k.AvailableAtIssue, k.IssuerKind.ToString(), k.IssuedBy, k.ApiAccountId, k.Origin.ToString(),
        k.RedeemedAt is { } redeemed ? stored(redeemed) : null, k.RedeemedSiteId,
        k.RevokedAt is { } revoked ? stored(revoked) : null, k.RevokedBy, k.RevokeReason);
}

internal sealed class SessionInsert(SqliteConnection connection, Func<DateTimeOffset, long> stored) : PreparedInsert(connection, "SupportSessions",
    "Id", "SessionKeyId", "SiteId", "Method", "StartedAt", "QueueKind", "QueueId", "QueueTeamId", "CustomerName", "ExternalKey", "Priority",
    "Status", "AcceptedBy", "AcceptedAt", "EndedAt")
{
    public void Add(SupportSession s) => Insert(
        s.Id, s.SessionKeyId, s.SiteId, s.Method.ToString(), stored(s.StartedAt), s.QueueKind.ToString(), s.QueueId, s.QueueTeamId, s.CustomerName,
        s.ExternalKey, s.Priority, s.Status.ToString(), s.AcceptedBy,
        s.AcceptedAt is { } accepted ? stored(accepted) : null, s.EndedAt is { } ended ? stored(ended) : null);
}

internal sealed class AuditInsert(SqliteConnection connection, Func<DateTimeOffset, long> stored) : PreparedInsert(connection, "AuditEntries",
    "Sequence", "OccurredAt", "Actor", "Action", "SubjectType", "SubjectId", "Details", "PreviousHash", "Hash")
{
    public void Add(AuditEntry e) => Insert(e.Sequence, stored(e.OccurredAt), e.Actor, e.Action, e.SubjectType, e.SubjectId, e.Details, e.PreviousHash, e.Hash);
}
