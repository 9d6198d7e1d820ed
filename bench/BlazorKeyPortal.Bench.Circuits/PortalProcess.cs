using System.Diagnostics;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// The real portal as a child process, published in Release and run as <c>bench/api/run.sh</c> runs it: loopback,
/// Development seed (the sign-ins agent and agent2), a temporary SQLite database, warnings only in the log.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _work;

    private PortalProcess(Process process, string work, Uri baseAddress)
    {
        _process = process;
        _work = work;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's process id, for reading its memory from outside.</summary>
    public int Id => _process.Id;

    /// <summary>Publishes <c>src/BlazorKeyPortal</c> (unless <paramref name="publishedApp"/> names a published folder) and starts it.</summary>
    public static async Task<PortalProcess> StartAsync(string? publishedApp, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var work = Directory.CreateTempSubdirectory("bkp-circuits-").FullName;
        var app = publishedApp ?? Path.Combine(work, "app");
        if (publishedApp is null)
        {
            Console.Error.WriteLine("Publishing src/BlazorKeyPortal (Release)…");
            try
            {
                await RunToEndAsync("dotnet", ["publish", Path.Combine(RepositoryRoot(), "src", "BlazorKeyPortal"), "-c", "Release", "-o", app,
                    "-nologo", "-v", "quiet", "-clp:ErrorsOnly"]);
            }
            catch (InvalidOperationException)
            {
                Directory.Delete(work, recursive: true);
                throw;
            }
        }

        var baseAddress = new Uri($"http://127.0.0.1:{Random.Shared.Next(30_000, 50_000)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(app, "BlazorKeyPortal.dll"), "--urls", baseAddress.ToString().TrimEnd('/') },
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(work, "data", "portal.db")}";
        start.Environment["TokenServer__KeyDirectory"] = Path.Combine(work, "data", "keys");
        start.Environment["TokenServer__AllowHttp"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in extraEnvironment) start.Environment[name] = value;
        Directory.CreateDirectory(Path.Combine(work, "data"));

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = Path.Combine(work, "server.log");
        var logWriter = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (logWriter) logWriter.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (logWriter) logWriter.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var portal = new PortalProcess(process, work, baseAddress);
        // Ctrl+C or an unhandled failure must not leave the server behind (only this process's own child is ended).
        Console.CancelKeyPress += (_, _) => portal.KillServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => portal.KillServer();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited) break;
            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode) return portal;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        var tail = string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(40));
        await portal.DisposeAsync();
        throw new InvalidOperationException($"The portal did not become ready. The end of its log:{Environment.NewLine}{tail}");
    }

    /// <summary>The server's resident set (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException("VmRSS not found.");
    }

    private void KillServer()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillServer();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorKeyPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("BlazorKeyPortal.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunToEndAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}.");
    }
}
