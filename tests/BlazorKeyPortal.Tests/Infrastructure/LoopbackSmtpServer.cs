using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 at a port chosen once, so a test can hold the port while the
/// server is down and start it later on the same port. Keeps every message it accepted, parsed with MimeKit.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private CancellationTokenSource? _running;
    private Task? _serving;

    public LoopbackSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>The portal's settings for this server: plain SMTP (no TLS), no login.</summary>
    public Dictionary<string, string?> PortalSettings(string from = "Example Support <support@example.com>") => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = from,
        ["Smtp:TimeoutSeconds"] = "5",
    };

    /// <summary>Starts listening; returns once the port accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new ReceivingStore(_received.Writer));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = new CancellationTokenSource();
        _serving = server.StartAsync(_running.Token);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"The SMTP server did not start listening on port {Port}.");
    }

    /// <summary>The next message the server accepted, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> NextMessageAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message arrived at the SMTP server within {timeout}.");
        }
    }

    /// <summary>Messages accepted and not yet read.</summary>
    public IReadOnlyList<MimeMessage> Drain()
    {
        var messages = new List<MimeMessage>();
        while (_received.Reader.TryRead(out var message)) messages.Add(message);
        return messages;
    }

    public async Task StopAsync()
    {
        if (_running is null) return;
        await _running.CancelAsync();
        try { await _serving!; } catch (OperationCanceledException) { }
        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class ReceivingStore(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
