using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The portal as a real process on Kestrel (loopback, a free port), built from this solution's output:
/// for tests that must kill it the hard way or restart it on the same files.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// Starts the portal in Development on <paramref name="dataDirectory"/> and waits until it is ready;
    /// <paramref name="settings"/> adds configuration (key = configuration path, as <c>Redis:Configuration</c>).
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string dataDirectory, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [AppPath(), "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(AppPath())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        UseDataDirectory(start, dataDirectory);
        start.Environment["TokenServer__AllowHttp"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)))
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return new PortalProcess(process, address);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal did not become ready.");
    }

    /// <summary>
    /// Runs an operator's verb (<c>backup --to …</c>) of the same build on <paramref name="dataDirectory"/>, as an
    /// operator would beside a running portal, and returns its exit code and what it wrote.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(string dataDirectory, string? input, params string[] args)
    {
        var start = Redirected([.. args], dataDirectory);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        UseDataDirectory(start, dataDirectory);
        return RunToEndAsync(start, input, TimeSpan.FromMinutes(2), "The verb did not end.");
    }

    /// <summary>
    /// Runs the portal in <paramref name="environment"/> on <paramref name="dataDirectory"/> for a start that is
    /// expected to fail: waits for the process to end and returns its exit code and everything it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, string environment, TimeSpan? timeout = null)
    {
        var start = Redirected(["--urls", $"http://127.0.0.1:{FreePort()}"], Path.GetDirectoryName(AppPath())!);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Portal__PublicOrigin"] = "https://localhost";
        UseDataDirectory(start, dataDirectory);
        start.Environment["TokenServer__AllowHttp"] = "true";
        var (exitCode, output, error) = await RunToEndAsync(start, input: null, timeout ?? TimeSpan.FromSeconds(60),
            "The portal kept running; it was expected to refuse to start.");
        return (exitCode, output + error);
    }

    private static ProcessStartInfo Redirected(string[] args, string workingDirectory) => new("dotnet", [AppPath(), .. args])
    {
        WorkingDirectory = workingDirectory,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    /// <summary>Starts the process, gives it <paramref name="input"/> and waits for its end, killing it past the deadline.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(ProcessStartInfo start, string? input, TimeSpan timeout, string whenTooLong)
    {
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(whenTooLong);
        }
        return (process.ExitCode, await output, await error);
    }

    private static void UseDataDirectory(ProcessStartInfo start, string dataDirectory)
    {
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        start.Environment["TokenServer__KeyDirectory"] = Path.Combine(dataDirectory, "keys");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// SIGTERM, as systemd stops a service: the host shuts down gracefully. Returns the exit code and how long the stop
    /// took, or throws if it did not end within <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> StopGracefullyAsync(TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return (_process.ExitCode, started.Elapsed);
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The portal's build output beside this test assembly's (same configuration).</summary>
    private static string AppPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name; // …/bin/<Configuration>/net10.0/
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BlazorKeyPortal.sln"))) root = root.Parent;
        var app = Path.Combine(root?.FullName ?? throw new InvalidOperationException("BlazorKeyPortal.sln not found above the test output."),
            "src", "BlazorKeyPortal", "bin", configuration, testOutput.Name, "BlazorKeyPortal.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException("Build the solution first.", app);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
