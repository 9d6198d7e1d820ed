using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// The head of the hash-chained audit trail and the rule that links an entry to its predecessor.
/// Only the <see cref="DatabaseWriter"/> moves the head, from its single thread.
/// </summary>
public sealed class AuditChain
{
    /// <summary>The <see cref="AuditEntry.PreviousHash"/> of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The last committed (or, inside a batch, appended) entry.</summary>
    public ChainHead Head { get; internal set; } = new(0, GenesisHash);

    /// <summary>
    /// The last entry this process has seen committed, by itself or by another process on the same database: a trail
    /// that ends before it, or holds another entry at its place, lost or rewrote entries after they were written. It
    /// moves forward only along an intact chain (see <see cref="Observe"/>), so entries appended after tampering do not
    /// hide it.
    /// </summary>
    public ChainHead Witnessed { get; private set; } = new(0, GenesisHash);

    private bool _witnessedIsCurrent = true;

    /// <summary>
    /// Takes the head the database has inside a batch's write transaction as the head to link to. The witnessed head
    /// follows it when it is the same, or further on while the entry at the witnessed place is still the one seen there
    /// (another process appended); otherwise the trail behind it changed, and the witnessed head stays as evidence.
    /// </summary>
    /// <param name="hashAt">The stored hash of an entry, asked only when another process has appended.</param>
    internal void Observe(ChainHead stored, Func<long, string?> hashAt)
    {
        Head = stored;
        _witnessedIsCurrent = stored == Witnessed
            || (stored.Sequence > Witnessed.Sequence && (Witnessed.Sequence == 0 || hashAt(Witnessed.Sequence) == Witnessed.Hash));
        if (_witnessedIsCurrent) Witnessed = stored;
    }

    /// <summary>After a batch committed: what it appended is witnessed, if it was linked to the witnessed head.</summary>
    internal void Committed()
    {
        if (_witnessedIsCurrent) Witnessed = Head;
    }

    /// <summary>At start-up: the database's head is the first one witnessed.</summary>
    internal void Start(ChainHead stored)
    {
        Head = stored;
        Witnessed = stored;
        _witnessedIsCurrent = true;
    }

    /// <summary>
    /// The SHA-256 of an entry's canonical content: every field but the sequence number, in a fixed order,
    /// as a JSON array so that no two different entries share a canonical form. The sequence is left out on
    /// purpose: the chain of previous hashes proves the order, so a swap shows as "reordered", not "changed".
    /// </summary>
    /// <remarks>
    /// Written with <see cref="Utf8JsonWriter"/> directly: the same bytes as <c>JsonSerializer</c> gives for the
    /// <c>object?[]</c> (same writer, same default encoder), without boxing and per-element type look-ups on the
    /// writer thread. A test holds the two equal.
    /// </remarks>
    public static string ComputeHash(AuditEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(entry.OccurredAt.ToUnixTimeMilliseconds());
            WriteStringOrNull(json, entry.Actor);
            WriteStringOrNull(json, entry.Action);
            WriteStringOrNull(json, entry.SubjectType);
            WriteStringOrNull(json, entry.SubjectId);
            WriteStringOrNull(json, entry.Details);
            WriteStringOrNull(json, entry.PreviousHash);
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    internal AuditEntry Link(AuditRecord record, DateTimeOffset now)
    {
        var entry = new AuditEntry
        {
            Sequence = Head.Sequence + 1,
            // Millisecond precision: what the hash covers is exactly what every provider stores.
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
            Actor = record.Actor,
            Action = record.Action,
            SubjectType = record.SubjectType,
            SubjectId = record.SubjectId,
            Details = record.Details,
            PreviousHash = Head.Hash,
            Hash = "",
        };
        entry.Hash = ComputeHash(entry);
        Head = new ChainHead(entry.Sequence, entry.Hash);
        return entry;
    }
}

public readonly record struct ChainHead(long Sequence, string Hash);

/// <summary>What an audit entry says, before the writer links it into the chain.</summary>
public sealed record AuditRecord(string Actor, string Action, string? SubjectType = null, string? SubjectId = null, string? Details = null)
{
    private static readonly JsonSerializerOptions DetailsJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Serialises <paramref name="details"/> compactly (nulls left out).</summary>
    public static string? Serialize(object? details) => details is null ? null : JsonSerializer.Serialize(details, DetailsJson);
}
