using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BlazorKeyPortal.Tests.Data.Writing;

public sealed class WalCheckpointerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_commit_stays_in_the_write_ahead_log_until_the_next_tick_copies_it_into_the_database_file()
    {
        portal.Started();
        await portal.WriteAsync(scope =>
        {
            scope.Db.Skills.Add(new Skill { CodeName = "checkpoint_probe", Name = "Checkpoint probe" });
            scope.Db.SaveChanges();
            return 0;
        });

        // The writer leaves checkpoints to the checkpointer, so the commit is durable in the log but not yet in the file.
        DatabaseFileAloneHasProbe().ShouldBeFalse();

        portal.Clock.Advance(WalCheckpointer.Interval);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!DatabaseFileAloneHasProbe() && DateTime.UtcNow < deadline) await Task.Delay(50);
        DatabaseFileAloneHasProbe().ShouldBeTrue();
    }

    /// <summary>Reads a copy of the database file without its log: what a checkpoint has copied, and nothing else.</summary>
    private bool DatabaseFileAloneHasProbe()
    {
        var copy = Path.Combine(portal.DataDirectory, $"file-alone-{Guid.NewGuid():N}.db");
        File.Copy(portal.DatabasePath, copy);
        try
        {
            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            return Count(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'Skills'") == 1 // even the schema may be only in the log
                && Count(connection, "SELECT COUNT(*) FROM \"Skills\" WHERE \"CodeName\" = 'checkpoint_probe'") == 1;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
