using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at 127.0.0.1 on a free port, reached from whichever loopback address a test names
/// (127.0.0.x): the client socket binds that address before connecting, so the portal sees it as the connection's
/// remote address, exactly as it sees a customer's. On the system clock, as sign-in and OpenIddict need.
/// </summary>
public sealed class LoopbackPortal : PortalFactory
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LoopbackPortal(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    protected override bool UseFakeClock => false;

    protected override IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Starts the server (migrations, seed) if needed and returns its port.</summary>
    public int Port
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        }
    }

    /// <summary>
    /// A client whose connections come from <paramref name="clientAddress"/>, addressing the portal as
    /// <paramref name="host"/> (a public site's hostname, or the portal's own 127.0.0.1). No redirects followed.
    /// </summary>
    public HttpClient ClientFrom(string clientAddress, string host = "127.0.0.1", CookieContainer? cookies = null)
    {
        var port = Port;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(clientAddress), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://{host}:{port}") };
    }

    /// <summary>A browser-like client from <paramref name="clientAddress"/>: cookies kept, redirects followed by <see cref="PortalBrowserClient"/>.</summary>
    public PortalBrowserClient BrowserFrom(string clientAddress) => new(ClientFrom(clientAddress, cookies: new CookieContainer()));
}
