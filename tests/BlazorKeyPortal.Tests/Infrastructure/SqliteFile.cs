using BlazorKeyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>A context on a SQLite file outside any portal (a backup, a restored copy, a database two processes share).</summary>
public static class SqliteFile
{
    /// <summary>Unpooled, so that the file can be deleted or moved once the context is disposed.</summary>
    public static SqlitePortalDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);
}
