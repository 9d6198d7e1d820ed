using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// A real Blazor Server circuit on a portal page, opened without a browser: what blazor.web.js (.NET 10) does for a
/// prerendered Blazor Web App page. It loads the page with the user's cookies, reads the prerendered server
/// component markers (<c>&lt;!--Blazor:{…}--&gt;</c>) and the persisted state, connects to <c>/_blazor</c>
/// (WebSockets, blazorpack), calls <c>StartCircuit</c> and <c>UpdateRootComponents</c>, acknowledges every render
/// batch (<c>OnRenderCompleted</c>) and answers every JS interop call with a benign success, so the server treats it
/// as a browser tab that stays open. It keeps no DOM: callers look into the batches.
/// </summary>
internal sealed partial class HeadlessCircuit : IAsyncDisposable
{
    private readonly PortalBrowser _browser;
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string?>> _pendingDotNetCalls = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<byte[], bool> Match, TaskCompletionSource<long> Seen)> _watches = [];
    private Action<byte[]>? _onBatch;
    private int _nextCallId;
    private string? _circuitSecret;
    private long _rendererInteropObjectId = -1;

    private HeadlessCircuit(PortalBrowser browser, HubConnection connection)
    {
        _browser = browser;
        _connection = connection;
    }

    /// <summary>The render batches received, all of them acknowledged.</summary>
    public int Batches { get; private set; }

    /// <summary>The first fatal message from the server (<c>JS.Error</c>), if any.</summary>
    public string? Error { get; private set; }

    /// <summary>Every JS function the server asked this tab to call, with how often.</summary>
    public ConcurrentDictionary<string, int> JsCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Loads <paramref name="pathAndQuery"/> as <paramref name="browser"/>'s user and starts its circuit; returns once a
    /// render batch holds <paramref name="readyText"/> (the page rendered interactively).
    /// </summary>
    public static async Task<HeadlessCircuit> OpenAsync(PortalBrowser browser, string pathAndQuery, string readyText, Action<byte[]>? onBatch = null,
        TimeSpan? timeout = null)
    {
        var page = await browser.GetAsync(pathAndQuery);
        if (page.Address.PathAndQuery != pathAndQuery || page.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{pathAndQuery} as {browser.UserName} led to {page.Address} ({(int)page.Status}).");
        }
        var markers = ServerMarkers(page.Html);
        if (markers.Count == 0) throw new InvalidOperationException($"{pathAndQuery} has no interactive server components.");
        var state = ServerComponentState().Match(page.Html) is { Success: true } m ? m.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(browser.BaseAddress, "_blazor"), HttpTransportType.WebSockets, options => options.Cookies = browser.Cookies);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var connection = builder.Build();
        var circuit = new HeadlessCircuit(browser, connection) { _onBatch = onBatch };
        circuit.Listen();

        try
        {
            var ready = circuit.WatchFor(readyText);
            await connection.StartAsync();
            var baseUri = browser.BaseAddress.ToString();
            circuit._circuitSecret = await connection.InvokeAsync<string?>("StartCircuit", baseUri, page.Address.ToString(), "[]", state)
                ?? throw new InvalidOperationException("StartCircuit was refused: " + circuit.Error);
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i + 1,
                    ["marker"] = marker,
                }).ToArray()),
            };
            await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
            await WaitAsync(ready, timeout ?? TimeSpan.FromSeconds(60), $"{pathAndQuery} showing \"{readyText}\"", circuit);
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
        return circuit;
    }

    /// <summary>Completes with the receive timestamp of the first later batch that holds <paramref name="text"/>.</summary>
    public Task<long> WatchFor(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        return WatchFor(batch => RenderBatchReader.Contains(batch, utf8));
    }

    public Task<long> WatchFor(Func<byte[], bool> match)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _watches.Add((match, seen));
        return seen.Task;
    }

    /// <summary>
    /// Dispatches a browser event to an element's handler, as blazor.web.js does since .NET 6: a call of the renderer's
    /// <c>DispatchEventAsync</c> through JS interop. Completes when the server has handled it.
    /// </summary>
    public async Task DispatchEventAsync(ulong eventHandlerId, string eventName, object eventArgs)
    {
        if (_rendererInteropObjectId < 0) throw new InvalidOperationException("The renderer's interop object is not known yet.");
        var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingDotNetCalls[callId] = done;
        var descriptor = new { eventHandlerId, eventName, eventFieldInfo = (object?)null };
        var argsJson = JsonSerializer.Serialize(new object[] { descriptor, eventArgs });
        await _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _rendererInteropObjectId, argsJson);
        await WaitAsync(done.Task, TimeSpan.FromSeconds(30), $"the {eventName} event", this);
    }

    private void Listen()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _connection.On<string, bool, string?>("JS.EndInvokeDotNet", (callId, succeeded, result) =>
        {
            if (_pendingDotNetCalls.TryRemove(callId, out var call))
            {
                if (succeeded) call.TrySetResult(result);
                else call.TrySetException(new InvalidOperationException("The server's .NET call failed: " + result));
            }
        });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string>("JS.Error", error =>
        {
            Error ??= error;
            lock (_gate)
            {
                foreach (var (_, seen) in _watches) seen.TrySetException(new InvalidOperationException("The circuit failed: " + error));
                _watches.Clear();
            }
        });
        _connection.Closed += exception =>
        {
            Error ??= "connection closed" + (exception is null ? "" : ": " + exception.Message);
            return Task.CompletedTask;
        };
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var received = Stopwatch.GetTimestamp();
        Batches++;
        lock (_gate)
        {
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (_watches[i].Match(batch))
                {
                    _watches[i].Seen.TrySetResult(received);
                    _watches.RemoveAt(i);
                }
            }
        }
        _onBatch?.Invoke(batch);
        await _connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    // Every call succeeds with what a desktop browser would answer where the caller needs a value (MudBlazor counts
    // its popover providers, asks the window size, checks that a script loaded) and null elsewhere (void calls, "no
    // element"). The renderer's interop object, which events are dispatched through, arrives as the argument of
    // attachWebRendererInterop.
    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string? argsJson, int resultType, long targetInstanceId, int callType)
    {
        JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (identifier == "Blazor._internal.attachWebRendererInterop" && argsJson is not null)
        {
            _rendererInteropObjectId = DotNetObjectId().Match(argsJson) is { Success: true } id
                ? long.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("No renderer interop object in " + argsJson);
        }
        if (asyncHandle == 0) return; // fire-and-forget call: no answer expected
        var result = identifier switch
        {
            "mudpopoverHelper.countProviders" => "1",
            "mudResizeListener.getBrowserWindowSize" => """{"height":1080,"width":1920}""",
            "window.hasOwnProperty" => "true",
            _ => "null",
        };
        await _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true,
            string.Create(CultureInfo.InvariantCulture, $"[{asyncHandle},true,{result}]"));
    }

    /// <summary>
    /// Closes the tab as a browser does: the disconnect beacon (so the server disposes the circuit at once instead of
    /// keeping it for the disconnected-circuit retention period), then the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_circuitSecret is not null)
        {
            try
            {
                await _browser.PostAsync("_blazor/disconnect", ("circuitId", _circuitSecret));
            }
            catch (HttpRequestException)
            {
                // The server is gone; nothing to release.
            }
        }
        await _connection.DisposeAsync();
    }

    private static async Task WaitAsync<T>(Task<T> task, TimeSpan timeout, string what, HeadlessCircuit circuit)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:N0} s waiting for {what}; {circuit.Batches} batches; error: {circuit.Error ?? "none"}.");
        }
    }

    private static List<JsonObject> ServerMarkers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in ComponentMarker().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                marker["uniqueId"] = markers.Count;
                markers.Add(marker);
            }
        }
        return markers;
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ServerComponentState();

    [GeneratedRegex(@"""__dotNetObject""\s*:\s*(\d+)")]
    private static partial Regex DotNetObjectId();
}
