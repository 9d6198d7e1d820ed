using BlazorKeyPortal.Data;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Data;

public sealed class MigrationBackupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bkp-migrate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Before_migrating_an_existing_database_the_portal_writes_a_backup_of_it_to_the_data_directory()
    {
        LeaveADatabaseOfAnOlderBuild();

        await using (var portal = new PortalOn(_directory).Started()) { }

        var backup = Directory.GetFiles(Path.Combine(_directory, "backups")).ShouldHaveSingleItem();
        Path.GetFileName(backup).ShouldBe($"portal-20261130T090000Z-before-{LastMigration()}.db");
        SqliteBackup.IntegrityCheck(backup).ShouldBe("ok");
        using var copy = SqliteFile.Open(backup);
        copy.Database.GetAppliedMigrations().ShouldBe([OlderBuildsMigration]);
        copy.Database.SqlQueryRaw<string>("SELECT \"Note\" AS \"Value\" FROM \"OlderBuildNotes\"").ToList().ShouldBe(["kept in the backup"]);
    }

    [Fact]
    public async Task A_new_database_and_one_already_current_get_no_backup()
    {
        await using (var portal = new PortalOn(_directory).Started()) { }
        await using (var again = new PortalOn(_directory).Started()) { }

        Directory.Exists(Path.Combine(_directory, "backups")).ShouldBeFalse();
    }

    [Fact]
    public async Task Only_the_newest_backups_made_before_migrations_are_kept_and_an_operators_own_files_stay()
    {
        var backups = Directory.CreateDirectory(Path.Combine(_directory, "backups")).FullName;
        foreach (var old in new[] { "portal-20260101T000000Z-before-A.db", "portal-20260201T000000Z-before-B.db", "portal-20260301T000000Z-before-C.db" })
        {
            await File.WriteAllTextAsync(Path.Combine(backups, old), "old");
        }
        await File.WriteAllTextAsync(Path.Combine(backups, "weekly.db"), "the operator's");
        LeaveADatabaseOfAnOlderBuild();

        await using (var portal = new PortalOn(_directory, keep: 2).Started()) { }

        Directory.GetFiles(backups).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(
            ["portal-20260301T000000Z-before-C.db", $"portal-20261130T090000Z-before-{LastMigration()}.db", "weekly.db"]);
    }

    [Fact]
    public async Task A_database_at_the_first_release_is_backed_up_then_brought_up_to_date_with_its_rows_kept()
    {
        using (var db = SqliteFile.Open(Path.Combine(_directory, "portal.db")))
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "PublicSites" ("Name", "IsPrimary", "IsEnabled", "Title", "Color", "RestrictToTeams", "RestrictToApiAccounts", "ExternalKeyRequired")
                VALUES ('Help desk of release 1.0.0', 1, 1, 'Help desk', '#1565c0', 0, 0, 0);
                """);
        }

        await using (var portal = new PortalOn(_directory).Started())
        {
            await using var db = portal.CreateDbContext();
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            var site = await db.PublicSites.SingleAsync(s => s.Name == "Help desk of release 1.0.0");
            site.DefaultLanguage.ShouldBeNull();
        }

        var backup = Directory.GetFiles(Path.Combine(_directory, "backups")).ShouldHaveSingleItem();
        Path.GetFileName(backup).ShouldBe($"portal-20261130T090000Z-before-{LastMigration()}.db");
    }

    [Fact]
    public async Task A_database_of_a_pre_release_build_whose_migrations_this_build_does_not_continue_stops_the_start_with_what_to_do()
    {
        using (var db = SqliteFile.Open(Path.Combine(_directory, "portal.db")))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("""
                DELETE FROM "__EFMigrationsHistory";
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261130100209_Initial', '10.0.0');
                """);
        }
        await using var portal = new PortalOn(_directory);

        var error = Should.Throw<InvalidOperationException>(() => portal.Started());

        error.Message.ShouldStartWith("The database ");
        error.Message.ShouldContain("was made by a pre-release build: its migrations (the last is 20261130100209_Initial) are not ones this build continues.");
        Directory.GetFiles(Path.Combine(_directory, "backups")).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_sql_server_database_with_pending_migrations_stops_the_start_with_what_to_do()
    {
        var error = Should.Throw<InvalidOperationException>(() => DatabaseInitializer.RefusePendingMigrations(["20260101_Initial", "20260201_More"]));

        error.Message.ShouldBe("The SQL Server database lacks 2 migrations (20260101_Initial, 20260201_More): run 'BlazorKeyPortal migrate', " +
            "apply the script of 'BlazorKeyPortal migrate --script', or set Database:MigrateSqlServerOnStartup=true.");
        Should.NotThrow(() => DatabaseInitializer.RefusePendingMigrations([]));
    }

    private const string OlderBuildsMigration = "20260101000000_OlderBuild";

    /// <summary>
    /// A database as an older build leaves it: a migration history that ends before this build's migrations (so all of
    /// them are pending) and a table of its own, which the backup must carry.
    /// </summary>
    private void LeaveADatabaseOfAnOlderBuild()
    {
        using var db = SqliteFile.Open(Path.Combine(_directory, "portal.db"));
        db.Database.ExecuteSqlRaw("""
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsHistory" VALUES ('20260101000000_OlderBuild', '10.0.0');
            CREATE TABLE "OlderBuildNotes" ("Note" TEXT NOT NULL);
            INSERT INTO "OlderBuildNotes" VALUES ('kept in the backup');
            """);
    }

    private static string LastMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        return db.Database.GetMigrations().Last();
    }


    private sealed class PortalOn(string directory, int? keep = null) : PortalFactory(directory)
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            keep is { } n ? new Dictionary<string, string?> { ["Database:MigrationBackupsToKeep"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new();
    }
}
