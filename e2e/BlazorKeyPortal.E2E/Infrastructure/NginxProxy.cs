using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>
/// Debian's nginx as the company's TLS-terminating reverse proxy, on a free loopback port with a self-signed
/// certificate made here: <c>https://localhost:PORT/keys/</c> forwards to the portal with the path kept, the
/// WebSocket upgraded and X-Forwarded-* set; any <c>*.localhost</c> name (the public sites) forwards at its root.
/// It runs in the foreground as this process's child, with its prefix, pid file and logs in a temp folder of its own;
/// disposing stops exactly that process.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bkp-nginx-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>The portal's address through the proxy, e.g. <c>https://localhost:44321/keys</c>.</summary>
    public Uri PortalAddress => new($"https://localhost:{Port}/keys");

    public static string Executable => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    public async Task StartAsync(int portalPort)
    {
        MakeCertificate();
        Directory.CreateDirectory(Path.Combine(_root, "logs"));
        var config = Path.Combine(_root, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(portalPort));
        var start = new ProcessStartInfo(Executable, ["-p", _root, "-c", config, "-e", Path.Combine(_root, "logs", "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited) throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException("nginx did not start listening.");
    }

    private string Config(int portalPort) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{_root}}/nginx.pid;
        error_log {{_root}}/logs/error.log warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{_root}}/client_body;
            proxy_temp_path {{_root}}/proxy;
            fastcgi_temp_path {{_root}}/fastcgi;
            uwsgi_temp_path {{_root}}/uwsgi;
            scgi_temp_path {{_root}}/scgi;
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            upstream portal { server 127.0.0.1:{{portalPort}}; }
            ssl_certificate {{_root}}/proxy.crt;
            ssl_certificate_key {{_root}}/proxy.key;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host:$server_port;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 300s;
            server {
                listen 127.0.0.1:{{Port}} ssl default_server;
                server_name localhost;
                location /keys/ { proxy_pass http://portal; }
            }
            server {
                listen 127.0.0.1:{{Port}} ssl;
                server_name *.localhost;
                location / { proxy_pass http://portal; }
            }
        }
        """;

    private void MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName("*.localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(_root, "proxy.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_root, "proxy.key"), key.ExportPkcs8PrivateKeyPem());
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
