using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 at a free port; keeps what it accepted, parsed with MimeKit.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly CancellationTokenSource _running = new();
    private Task? _serving;

    public LoopbackSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>The portal's settings for this server: plain SMTP on loopback, no login.</summary>
    public Dictionary<string, string?> PortalSettings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Example Support <support@example.com>",
    };

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new ReceivingStore(_received.Writer));
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
    }

    public async Task<MimeMessage> NextMessageAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(waiting.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _running.CancelAsync();
        try { if (_serving is not null) await _serving; } catch (OperationCanceledException) { }
        _running.Dispose();
    }

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
