using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.History;

/// <summary>
/// Writes the keys that match a filter as CSV, row by row from a streamed query: memory stays flat however many
/// rows match. The key URL (which holds the access key) is left out: an exported file travels further than the page.
/// </summary>
public sealed class HistoryCsvExport(IDbContextFactory<PortalDbContext> contextFactory, PortalCatalog catalog, TimeProvider time)
{
    /// <summary>Text that a spreadsheet would run as a formula (=, +, -, @) is written as text.</summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>Writes the header and every matching key to <paramref name="destination"/>; returns the number of keys.</summary>
    public async Task<long> WriteAsync(HistoryFilter filter, HistorySort sort, Stream destination, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var db = contextFactory.CreateDbContext();
        var rows = Rows(db.SessionKeys.AsNoTracking(), filter, sort, now).AsAsyncEnumerable();

        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(ToRecords(rows, snapshot, now, cancellationToken), cancellationToken);
        await csv.FlushAsync(cancellationToken);
        return Math.Max(0, csv.RecordCount - 1);
    }

    /// <summary>The exported columns of the matching keys, in order; the SQL that the export streams.</summary>
    internal static IQueryable<ExportedKey> Rows(IQueryable<SessionKey> keys, HistoryFilter filter, HistorySort sort, DateTimeOffset now) =>
        keys.WhereMatches(filter, now)
            .OrderBy(sort)
            .Select(k => new ExportedKey(
                k.Id, k.ShortKey, k.IssuedAt, k.ExpiresAt, k.TtlSeconds, k.SiteId, k.UrlHostname, k.RequestedQueue, k.QueueKind, k.QueueId,
                k.QueueTeamId, k.IssuerKind, k.IssuedBy, k.ExternalKey, k.Priority, k.Skills, k.RedeemedAt, k.RedeemedSiteId,
                k.RevokedAt, k.RevokedBy, k.RevokeReason));

    private static async IAsyncEnumerable<HistoryCsvRecord> ToRecords(
        IAsyncEnumerable<ExportedKey> rows, CatalogSnapshot snapshot, DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var k in rows.WithCancellation(cancellationToken))
        {
            yield return new HistoryCsvRecord
            {
                Id = k.Id,
                ShortKey = k.ShortKey,
                State = KeyStates.Label(KeyStates.Of(k.ExpiresAt, k.RedeemedAt, k.RevokedAt, now)),
                IssuedAt = k.IssuedAt,
                ExpiresAt = k.ExpiresAt,
                TtlSeconds = k.TtlSeconds,
                Site = KeyDetailQuery.SiteName(snapshot, k.SiteId),
                UrlHostname = k.UrlHostname,
                Queue = k.QueueKind == QueueKind.General ? "general" : $"{k.QueueKind.ToString().ToLowerInvariant()}:{k.QueueId}",
                RequestedQueue = k.RequestedQueue,
                Team = k.QueueTeamId is { } teamId ? snapshot.TeamById.GetValueOrDefault(teamId)?.Name ?? $"team {teamId}" : null,
                IssuerKind = k.IssuerKind == IssuerKind.User ? "user" : "api",
                IssuedBy = k.IssuedBy,
                ExternalKey = k.ExternalKey,
                Priority = k.Priority,
                Skills = k.Skills,
                RedeemedAt = k.RedeemedAt,
                RedeemedSite = k.RedeemedSiteId is { } redeemedSiteId ? KeyDetailQuery.SiteName(snapshot, redeemedSiteId) : null,
                RevokedAt = k.RevokedAt,
                RevokedBy = k.RevokedBy,
                RevokeReason = k.RevokeReason,
            };
        }
    }

    internal sealed record ExportedKey(
        long Id, string ShortKey, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int TtlSeconds, int SiteId, string UrlHostname,
        string RequestedQueue, QueueKind QueueKind, int? QueueId, int? QueueTeamId, IssuerKind IssuerKind, string IssuedBy,
        string? ExternalKey, int? Priority, string? Skills, DateTimeOffset? RedeemedAt, int? RedeemedSiteId,
        DateTimeOffset? RevokedAt, string? RevokedBy, string? RevokeReason);
}

/// <summary>One line of the exported CSV; the column order is the declaration order.</summary>
[CsvRecord]
public sealed partial record HistoryCsvRecord
{
    public long Id { get; set; }
    public string ShortKey { get; set; } = "";
    public string State { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int TtlSeconds { get; set; }
    public string Site { get; set; } = "";
    public string UrlHostname { get; set; } = "";
    public string Queue { get; set; } = "";
    public string RequestedQueue { get; set; } = "";
    public string? Team { get; set; }
    public string IssuerKind { get; set; } = "";
    public string IssuedBy { get; set; } = "";
    public string? ExternalKey { get; set; }
    public int? Priority { get; set; }
    public string? Skills { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public string? RedeemedSite { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
}
