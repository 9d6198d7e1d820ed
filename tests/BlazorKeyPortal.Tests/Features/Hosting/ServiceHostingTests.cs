using System.Collections.Concurrent;
using System.Net.Http.Headers;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.Hosting;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Hosting;

/// <summary>A service manager's stop ends the portal in time and loses nothing it had accepted.</summary>
public sealed class ServiceHostingTests
{
    [Fact]
    public async Task A_stop_may_take_less_time_than_systemd_and_the_windows_service_manager_wait_before_killing()
    {
        await using var portal = new PortalFactory().Started();

        var timeout = portal.Get<IOptions<HostOptions>>().Value.ShutdownTimeout;

        timeout.ShouldBe(ServiceHostingServiceCollectionExtensions.ShutdownTimeout);
        timeout.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Stopping_the_host_commits_every_write_the_database_writer_had_accepted()
    {
        await using var portal = new PortalFactory().Started();
        var writer = portal.Get<DatabaseWriter>();
        const int writes = 3_000;
        long before;
        using (var connection = portal.OpenRawConnection()) before = Count(connection);

        var accepted = Enumerable.Range(0, writes)
            .Select(i => writer.WriteAsync(scope => scope.Audit(new AuditRecord("system", "test.stop", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        await portal.Get<IHost>().StopAsync();

        await Task.WhenAll(accepted); // none failed or was dropped
        using var after = portal.OpenRawConnection();
        (Count(after) - before).ShouldBe(writes);
    }

    [Fact]
    public async Task A_graceful_stop_under_load_answers_every_request_in_flight_and_loses_no_issued_key()
    {
        var directory = Directory.CreateTempSubdirectory("bkp-stop-").FullName;
        try
        {
            var received = new ConcurrentBag<string>();
            var failures = new ConcurrentBag<string>();
            await using (var portal = await PortalProcess.StartAsync(directory))
            {
                using var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(30) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());
                var api = new CommandApiClient(http);

                var clients = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
                {
                    while (true)
                    {
                        CommandResult reply;
                        try
                        {
                            reply = await api.GenerateAsync($"queue_id=team:1&external_key=stop-{c}");
                        }
                        catch (HttpRequestException) { return; } // no longer accepted: the server has stopped listening
                        if (reply.IsError) failures.Add($"{(int)reply.Status}: {reply.Body}");
                        else received.Add(reply.Element("short_key"));
                    }
                })).ToList();

                while (received.Count < 300) await Task.Delay(20);
                var (exitCode, took) = await portal.StopGracefullyAsync(TimeSpan.FromSeconds(30));
                await Task.WhenAll(clients);

                exitCode.ShouldBe(0);
                took.ShouldBeLessThan(ServiceHostingServiceCollectionExtensions.ShutdownTimeout);
            }

            failures.ShouldBeEmpty();
            using var db = new SqliteConnection($"Data Source={Path.Combine(directory, "portal.db")}");
            db.Open();
            var stored = new HashSet<string>();
            using (var command = db.CreateCommand())
            {
                command.CommandText = """
                    SELECT k.ShortKey FROM SessionKeys k
                    JOIN AuditEntries a ON a.SubjectType = 'session_key' AND a.SubjectId = CAST(k.Id AS TEXT) AND a.Action = 'key.issued'
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read()) stored.Add(reader.GetString(0));
            }
            received.Where(k => !stored.Contains(k)).ShouldBeEmpty();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'test.stop';";
        return (long)command.ExecuteScalar()!;
    }
}
