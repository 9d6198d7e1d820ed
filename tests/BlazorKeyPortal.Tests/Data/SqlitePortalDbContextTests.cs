using BlazorKeyPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data;

/// <summary>
/// On SQLite one unique index on (ShortKey, LiveShortKey) does the work of two (ADR-007): it allows one live key per
/// short key and any number of used ones, and it serves every search by short key.
/// </summary>
public sealed class SqlitePortalDbContextTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options);
        await db.Database.MigrateAsync();
        // Only the short-key columns matter here; the keys' site is not needed.
        await ExecuteAsync("PRAGMA foreign_keys = OFF");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task A_second_live_key_with_the_same_short_key_is_refused()
    {
        await InsertKeyAsync(1, "1234567", live: true);

        var second = await Should.ThrowAsync<SqliteException>(() => InsertKeyAsync(2, "1234567", live: true));

        second.Message.ShouldContain("UNIQUE constraint failed: SessionKeys.ShortKey, SessionKeys.LiveShortKey");
    }

    [Fact]
    public async Task Used_keys_may_share_a_short_key_with_each_other_and_with_the_live_one()
    {
        await InsertKeyAsync(1, "7654321", live: false);
        await InsertKeyAsync(2, "7654321", live: false);
        await InsertKeyAsync(3, "7654321", live: true);

        (await ScalarAsync("SELECT COUNT(*) FROM \"SessionKeys\" WHERE \"ShortKey\" = '7654321'")).ShouldBe(3L);
    }

    [Theory]
    [InlineData("SELECT \"Id\" FROM \"SessionKeys\" WHERE \"ShortKey\" = '1234567' AND \"LiveShortKey\" = '1234567'", "(ShortKey=? AND LiveShortKey=?)")]
    [InlineData("SELECT \"Id\" FROM \"SessionKeys\" WHERE \"ShortKey\" = '1234567' ORDER BY \"Id\" DESC", "(ShortKey=?)")]
    public async Task Looking_a_key_up_by_its_short_key_seeks_the_one_short_key_index(string query, string seek)
    {
        var plan = (string)(await ScalarAsync("EXPLAIN QUERY PLAN " + query, column: 3))!;

        plan.ShouldContain($"INDEX IX_SessionKeys_ShortKey_LiveShortKey {seek}");
    }

    private Task InsertKeyAsync(long id, string shortKey, bool live) => ExecuteAsync(
        "INSERT INTO \"SessionKeys\" (\"Id\", \"ShortKey\", \"LiveShortKey\", \"AccessKey\", \"SessionType\", \"QueueKind\", \"RequestedQueue\", " +
        "\"TtlSeconds\", \"TtlWasGiven\", \"IssuedAt\", \"ExpiresAt\", \"SiteId\", \"UrlHostname\", \"KeyUrl\", \"AvailableAtIssue\", " +
        "\"IssuerKind\", \"IssuedBy\", \"Origin\") VALUES " +
        $"({id}, '{shortKey}', {(live ? $"'{shortKey}'" : "NULL")}, '{id:D32}', 'support', 'General', 'general', 60, 0, 0, 0, 99, 'h', 'u', 0, 'User', 'agent', 'Embedded')");

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql, int column = 0)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return reader.GetValue(column);
    }
}
