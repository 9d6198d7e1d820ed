using System.Diagnostics;
using BlazorKeyPortal.Data.Writing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// A portal whose audit log category (<see cref="AuditEventLog.Category"/>) is on at Information, as an operator who
/// ships it to a SIEM sets it (the tests' hosts otherwise log warnings and up only), with everything it logs recorded.
/// </summary>
public sealed class AuditLoggingPortal : PortalFactory
{
    public AuditLogRecorder Recorded { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Logging:LogLevel:{AuditEventLog.Category}"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Recorded));
    }
}

/// <summary>What the audit category logged: each message with its structured fields.</summary>
public sealed class AuditLogRecorder : ILoggerProvider, ILogger
{
    private readonly List<Entry> _entries = [];

    /// <summary>One logged event; <c>entry["Action"]</c> is a structured field, or null when the event has none.</summary>
    public sealed record Entry(string Message, IReadOnlyDictionary<string, object?> Fields)
    {
        public object? this[string field] => Fields.GetValueOrDefault(field);
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == AuditEventLog.Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IReadOnlyList<KeyValuePair<string, object?>> list ? list.ToDictionary(f => f.Key, f => f.Value) : [];
        lock (_entries) _entries.Add(new Entry(formatter(state, exception), fields));
    }

    public Entry[] Snapshot()
    {
        lock (_entries) return [.. _entries];
    }

    /// <summary>The entries matching <paramref name="match"/>, waiting up to <paramref name="deadline"/> for the first one.</summary>
    public async Task<Entry[]> EventuallyAsync(Func<Entry, bool> match, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        while (Snapshot().Where(match).ToArray() is var found && found.Length == 0 && waited.Elapsed < deadline)
        {
            await Task.Delay(50);
        }
        return Snapshot().Where(match).ToArray();
    }

    public void Dispose()
    {
    }
}
