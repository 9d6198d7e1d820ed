using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>
/// Sends every committed audit entry on as a structured log event (category <see cref="Category"/>), for a SIEM that
/// reads the portal's logs. The writer hands over a batch's entries after the commit, so an entry of rolled-back work is
/// never logged; formatting and writing the events happens on this service's own loop, off the writer's thread.
/// </summary>
public sealed partial class AuditEventLog : BackgroundService
{
    /// <summary>The log category of the audit events.</summary>
    public const string Category = "BlazorKeyPortal.Audit";

    private readonly ILogger _logger;
    private readonly Channel<AuditEntry[]> _committed =
        Channel.CreateUnbounded<AuditEntry[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public AuditEventLog(ILoggerFactory loggers) => _logger = loggers.CreateLogger(Category);

    /// <summary>Whether anyone reads the events; when nobody does the writer does not collect them.</summary>
    public bool IsEnabled => _logger.IsEnabled(LogLevel.Information);

    /// <summary>Called by the writer, on its thread, with the entries a batch committed.</summary>
    internal void Committed(AuditEntry[] entries)
    {
        if (entries.Length > 0) _committed.Writer.TryWrite(entries);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by the host's stop: what was committed is logged, until StopAsync closes the queue.
        await foreach (var entries in _committed.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (!IsEnabled) continue; // the level was lowered since the writer collected them
            foreach (var entry in entries)
            {
                var (site, address) = SiteAndAddress(entry.Details);
                var occurredAt = entry.OccurredAt.ToString("O", CultureInfo.InvariantCulture); // ISO 8601, whatever the host's culture
                LogEntry(_logger, entry.Sequence, occurredAt, entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, site, address, entry.Hash);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Registered before the writer, so stopped after it: the writer's last batches are in the queue by now.
        _committed.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1, EventName = "AuditEntry", Level = LogLevel.Information,
        Message = "Audit {Sequence} at {OccurredAt}: {Actor} {Action} {SubjectType} {SubjectId} (site {Site}, client {ClientAddress}), hash {Hash}")]
    private static partial void LogEntry(ILogger logger, long sequence, string occurredAt, string actor, string action,
        string? subjectType, string? subjectId, string? site, string? clientAddress, string hash);

    /// <summary>
    /// The site and the client address an entry's details name at their top level (issued keys name their site,
    /// redemptions their site and the customer's address), or null. Details that are not a JSON object give neither.
    /// </summary>
    internal static (string? Site, string? Address) SiteAndAddress(string? details)
    {
        if (string.IsNullOrEmpty(details)) return (null, null);
        string? site = null, address = null;
        try
        {
            var json = new Utf8JsonReader(Encoding.UTF8.GetBytes(details));
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return (null, null);
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                // Issued keys' details are PascalCase ("Site"), redemptions' lower case ("site", "address").
                var isSite = json.ValueTextEquals("site"u8) || json.ValueTextEquals("Site"u8);
                var isAddress = json.ValueTextEquals("address"u8) || json.ValueTextEquals("Address"u8);
                json.Read();
                if (json.TokenType == JsonTokenType.String)
                {
                    if (isSite) site = json.GetString();
                    else if (isAddress) address = json.GetString();
                }
                json.Skip();
            }
        }
        catch (JsonException)
        {
            // Details are written by the portal as JSON; anything else simply names no site.
        }
        return (site, address);
    }
}
