using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task The_portal_runs_sqlite_in_wal_mode_with_synchronous_full_on_every_connection()
    {
        await using var portal = new PortalFactory().Started();
        await using var db = portal.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        Scalar(connection, "PRAGMA journal_mode;").ShouldBe("wal");
        Scalar(connection, "PRAGMA synchronous;").ShouldBe("2");
    }

    [Fact]
    public async Task The_host_refuses_to_start_without_a_connection_string_and_names_the_setting()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Database:ConnectionString"] = "" });

        var error = Should.Throw<Exception>(() => portal.Started());

        error.ToString().ShouldContain("Database:ConnectionString is required.");
    }

    [Fact]
    public async Task The_host_refuses_an_out_of_range_batch_size_and_names_the_setting()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["Database:MaxBatchSize"] = "0" });

        Should.Throw<Exception>(() => portal.Started()).ToString().ShouldContain("Database:MaxBatchSize must be between 1 and 10000.");
    }

    [Fact]
    public async Task The_host_refuses_a_key_url_scheme_other_than_http_or_https()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["PublicSites:Scheme"] = "ftp" });

        Should.Throw<Exception>(() => portal.Started()).ToString().ShouldContain("PublicSites:Scheme must be 'https' or 'http'.");
    }

    [Fact]
    public async Task The_host_refuses_a_token_lifetime_out_of_range()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["TokenServer:AccessTokenLifetimeSeconds"] = "5" });

        Should.Throw<Exception>(() => portal.Started()).ToString().ShouldContain("TokenServer:AccessTokenLifetimeSeconds must be between 60 and 86400.");
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
