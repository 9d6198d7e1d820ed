using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>A user of the company's provider: what they type and the groups their tokens carry.</summary>
public sealed record CompanyUser(string UserName, string Password, IReadOnlyList<string> Groups);

/// <summary>
/// The company's OpenID Connect provider: panva's oidc-provider (<c>ExternalProvider/provider.mjs</c>) in a node process
/// of its own on 127.0.0.1, with the portal registered as a confidential client (code flow with PKCE, RP-initiated
/// logout) and a user list the test may change between sign-ins. Disposing stops exactly the process it started.
/// </summary>
public sealed class CompanyProvider : IAsyncDisposable
{
    public const string ClientId = "blazor-key-portal";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private readonly string _directory = Directory.CreateTempSubdirectory("bkp-company-provider-").FullName;
    private readonly Dictionary<string, CompanyUser> _users = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];
    private readonly int _port = FreePort();
    private Uri? _portal;
    private Process? _process;

    /// <summary>The provider's issuer, known before it runs so that the portal can be configured with it first.</summary>
    public Uri Issuer => new($"http://127.0.0.1:{_port}");

    /// <summary>A secret of this run only.</summary>
    public string ClientSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private string StatePath => Path.Combine(_directory, "state.json");

    /// <summary>Adds or replaces a user; the provider reads the list again at every sign-in and every token.</summary>
    public void SetUser(string userName, string password, params string[] groups)
    {
        lock (_users)
        {
            _users[userName] = new CompanyUser(userName, password, groups);
            if (_portal is not null) WriteState();
        }
    }

    /// <summary>Starts the provider with <paramref name="portal"/> (its origin) as the client and waits for its discovery document.</summary>
    public async Task StartAsync(Uri portal)
    {
        var directory = ProviderDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed in {directory}: run 'npm ci --prefix e2e/BlazorKeyPortal.E2E/ExternalProvider' (scripts/test.sh does).");
        }
        lock (_users)
        {
            _portal = new Uri(portal.GetLeftPart(UriPartial.Authority));
            WriteState();
        }

        var start = new ProcessStartInfo("node", ["provider.mjs", StatePath])
        {
            WorkingDirectory = directory,
            // The provider stops when its standard input closes: it never outlives this test process.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var discovery = new Uri(Issuer, "/.well-known/openid-configuration");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The company provider exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync(discovery)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The company provider did not publish {discovery}:\n{Log}");
    }

    /// <summary>What the provider wrote, for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited) _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    // Written aside and moved into place, so the provider never reads half a list.
    private void WriteState()
    {
        var state = new { port = _port, portal = _portal!.ToString().TrimEnd('/'), clientId = ClientId, clientSecret = ClientSecret, users = _users.Values };
        var next = StatePath + ".next";
        File.WriteAllText(next, JsonSerializer.Serialize(state, Json));
        File.Move(next, StatePath, overwrite: true);
    }

    private static string ProviderDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BlazorKeyPortal.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("BlazorKeyPortal.sln not found above the test output."),
            "e2e", "BlazorKeyPortal.E2E", "ExternalProvider");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
