using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlazorKeyPortal.Data;

/// <summary>The embedded default: one SQLite file in WAL mode with <c>synchronous=FULL</c>.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite's LIKE ignores ASCII case, so it can use an index only on a NOCASE column: the history's "External key"
        // search (a prefix LIKE) then reads the index instead of the whole table. It also makes the search and the sort
        // case-insensitive, as SQL Server's default collation already is.
        builder.Entity<Entities.SessionKey>().Property(k => k.ExternalKey).UseCollation("NOCASE");
        UseOneShortKeyIndex(builder.Entity<Entities.SessionKey>());
    }

    /// <summary>
    /// One index instead of two for the short key. Each key's short key is random, so every index over it costs the single
    /// writer a random page per key (ADR-007). A unique index on (ShortKey, LiveShortKey) does both jobs on SQLite: its
    /// unique indexes let NULLs repeat, and LiveShortKey is either NULL or the short key itself, so it allows one live key
    /// per short key and any number of used ones; and its first column serves every search by short key (history,
    /// redemption). SQL Server's unique indexes do not let NULLs repeat, so it keeps the two indexes of the shared model.
    /// Queries for the live holder name both columns (ShortKey = @key AND LiveShortKey = @key) to seek this index.
    /// </summary>
    private static void UseOneShortKeyIndex(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Entities.SessionKey> key)
    {
        var shortKey = key.Metadata.FindProperty(nameof(Entities.SessionKey.ShortKey))!;
        var liveShortKey = key.Metadata.FindProperty(nameof(Entities.SessionKey.LiveShortKey))!;
        key.Metadata.RemoveIndex([shortKey]);
        key.Metadata.RemoveIndex([liveShortKey]);
        key.HasIndex(k => new { k.ShortKey, k.LiveShortKey }).IsUnique();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; EF stores DateTimeOffset as text it cannot order or compare.
        // As a 64-bit integer it sorts, filters and indexes correctly (all values are UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
