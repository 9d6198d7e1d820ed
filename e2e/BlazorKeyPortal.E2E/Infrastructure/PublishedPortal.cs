using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>
/// The portal as an operator installs it: <c>dotnet publish</c> into a folder of its own, started from that folder in
/// Production over HTTPS with a self-signed certificate made here, on a fresh data directory outside the install
/// folder. Its verbs (<c>users add</c>) run as separate processes on the same settings.
/// </summary>
public sealed class PublishedPortal : IAsyncLifetime
{
    private const string CertificatePassword = "test-certificate";
    private readonly string _root = Directory.CreateTempSubdirectory("bkp-published-").FullName;
    private Process? _process;

    public string InstallFolder => Path.Combine(_root, "app");
    public string DataDirectory => Path.Combine(_root, "data");
    public Uri Address { get; private set; } = default!;
    public int Port { get; } = FreePort();

    /// <summary>The HOME the next start runs with (a service account's, or a container's).</summary>
    public string Home { get; set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Home = Directory.CreateDirectory(Path.Combine(_root, "home-1")).FullName;
        MakeCertificate();
        var publish = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryRoot(), "src", "BlazorKeyPortal"), "-c", Configuration(), "--no-build",
            "-o", InstallFolder, "-nologo", "-v", "quiet"], input: null, workingDirectory: _root, environment: []);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed: {publish.Output}{publish.Error}");
        Address = new Uri($"https://localhost:{Port}");
    }

    /// <summary>Runs a verb of the published portal from the operator's own folder (not the install folder).</summary>
    public Task<(int ExitCode, string Output, string Error)> CommandAsync(string? input, params string[] args) =>
        RunAsync("dotnet", [Path.Combine(InstallFolder, "BlazorKeyPortal.dll"), .. args], input, _root, Settings());

    /// <summary>Starts the published portal and waits until <c>/health/ready</c> answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(InstallFolder, "BlazorKeyPortal.dll"), "--urls", $"https://127.0.0.1:{Port}"])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings()) start.Environment[key] = value;
        start.Environment["Kestrel__Certificates__Default__Path"] = Path.Combine(_root, "portal.pfx");
        start.Environment["Kestrel__Certificates__Default__Password"] = CertificatePassword;
        Log.Clear();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The published portal exited with code {_process.ExitCode}:\n{string.Join('\n', Log)}");
            try
            {
                if ((await http.GetAsync(new Uri(Address, "/health/ready"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The published portal did not become ready:\n{string.Join('\n', Log)}");
    }

    /// <summary>What the process wrote, for failure messages.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Stops the portal as a service manager does (SIGTERM) and returns its exit code and how long it took.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        var took = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        var exitCode = process.ExitCode;
        process.Dispose();
        _process = null;
        return (exitCode, took.Elapsed);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        if (_process is not null) await _process.WaitForExitAsync();
        _process?.Dispose();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Portal__DataDirectory"] = DataDirectory,
        ["Portal__PublicOrigin"] = $"https://localhost:{Port}",
        ["HOME"] = Home,
        // The portal reads its own provider's metadata over HTTPS; it trusts the test's certificate as a machine would
        // trust the company's CA.
        ["SSL_CERT_FILE"] = Path.Combine(_root, "portal.crt"),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private void MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(Path.Combine(_root, "portal.pfx"), certificate.Export(X509ContentType.Pfx, CertificatePassword));
        File.WriteAllText(Path.Combine(_root, "portal.crt"), certificate.ExportCertificatePem());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] args, string? input, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BlazorKeyPortal.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("BlazorKeyPortal.sln not found above the test output.");
    }

    /// <summary>The configuration this test assembly was built in (…/bin/Release/net10.0/): the portal's was built alike.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
