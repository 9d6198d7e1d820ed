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
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; EF stores DateTimeOffset as text it cannot order or compare.
        // As a 64-bit integer it sorts, filters and indexes correctly (all values are UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
