using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>One request a <see cref="WebhookReceiver"/> took: its body and the headers a receiver checks.</summary>
public sealed record ReceivedEvent(string Body, string? Signature, string? ContentType, string? WebhookId)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Type => Json.GetProperty("type").GetString()!;
    public string Subject => Json.GetProperty("subject").GetString()!;
    public string Id => Json.GetProperty("id").GetString()!;
}

/// <summary>
/// A real HTTP receiver on Kestrel at 127.0.0.1: records what it is posted and answers as the test says. It can go down
/// and come back on the same port, as a ticketing system restarts.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    /// <summary>The address recipients are given.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Every request answered with a 2xx, in the order they arrived.</summary>
    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    /// <summary>Every request, whatever it was answered.</summary>
    public ConcurrentQueue<ReceivedEvent> Requests { get; } = new();

    /// <summary>Requests to any path other than the hook (a redirect's target).</summary>
    public ConcurrentQueue<string> OtherRequests { get; } = new();

    /// <summary>Decides the answer to a request (the Nth from 1, and its body); defaults to 200.</summary>
    public Func<int, ReceivedEvent, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.ListenAsync(0);
        return receiver;
    }

    /// <summary>Stops listening: connections are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestartAsync() => ListenAsync(Port);

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var count = 0;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var received = new ReceivedEvent(body, http.Request.Headers["BlazorKeyPortal-Signature"].ToString(),
                http.Request.ContentType, http.Request.Headers["webhook-id"].ToString());
            Requests.Enqueue(received);
            var status = await Answer(Interlocked.Increment(ref count), received);
            if (status is >= 200 and < 300) Received.Enqueue(received);
            if (status is >= 300 and < 400) http.Response.Headers.Location = "/elsewhere";
            return Results.StatusCode(status);
        });
        app.Map("/elsewhere", (HttpContext http) =>
        {
            OtherRequests.Enqueue(http.Request.Method);
            return Results.Ok();
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
