using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// Issues keys through the appliance's <c>generate_session_key</c>, with no key missing from the audit trail:
/// a pending entry is committed before the request leaves, and a completed entry (with the stored key) or a
/// failed entry (with the reason) naming it after the request has finished. A crash in between leaves the
/// pending entry visible. The appliance's answer (short key, key URL, expiry, queue, availability) is what is
/// stored and shown; it cannot be redeemed on this portal's own public pages.
/// </summary>
public sealed partial class ApplianceSessionKeyAuthority(
    ApplianceClient appliance,
    DatabaseWriter writer,
    IOptions<ApplianceOptions> options,
    TimeProvider time,
    ILogger<ApplianceSessionKeyAuthority> logger) : ISessionKeyAuthority
{
    public async Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken)
    {
        var host = ApplianceClient.Host(options.Value);
        var pending = await WritePendingAsync(order, host, cancellationToken);

        ApplianceSessionKey reply;
        try
        {
            // Not the caller's token: once the request is on its way its outcome must be recorded, even if the agent
            // closes the page. The configured time-out bounds the wait.
            reply = await appliance.GenerateSessionKeyAsync(Parameters(order), CancellationToken.None);
        }
        catch (ApplianceException ex)
        {
            await WriteFailedAsync(order, pending, ex.Kind.ToString(), ex.Message, null);
            throw ex.Kind == ApplianceFailureKind.Refused
                ? new KeyRequestRefusedException($"The appliance refused the key: {ex.Message}", ex, RefusedProperty(ex.Message))
                : new KeyStoreUnavailableException(ForAgent(ex), ex);
        }
        catch (Exception ex)
        {
            await WriteFailedAsync(order, pending, "Unexpected", ex.Message, null);
            throw;
        }

        // The key URL becomes a link on the agent's page, in the invitation and in a QR code: anything but a web
        // address (javascript:, data:, file:) would run or open something else wherever it is followed.
        if (!IsWebAddress(reply.KeyUrl))
        {
            var reason = $"The appliance issued key {reply.ShortKey}, but its key URL '{reply.KeyUrl}' is not an http or https address.";
            await WriteFailedAsync(order, pending, "UnsafeKeyUrl", reason, reply);
            throw new KeyStoreUnavailableException($"{reason} The key was not handed out; ask an administrator to check the appliance's public site settings.");
        }

        if (AccessKeyOf(reply.KeyUrl) is not { } accessKey || reply.ShortKey.Length > KeyMaterial.ShortKeyLength)
        {
            var reason = $"The appliance issued key {reply.ShortKey}, but its key URL '{reply.KeyUrl}' or short key has a form this portal cannot store.";
            await WriteFailedAsync(order, pending, "Unstorable", reason, reply);
            throw new KeyStoreUnavailableException($"{reason} The key was not handed out; ask an administrator to compare the appliance's version with the portal's.");
        }

        try
        {
            return await writer.WriteAsync(scope => Store(scope, order, reply, accessKey, pending, host), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // Never let this reach the key service's retry of lost unique-index races: that would ask the appliance
            // for a second key. The failed entry alone is likelier to get through than the key row.
            var reason = $"The appliance issued key {reply.ShortKey}, but the portal could not store it ({ex.GetBaseException().Message}).";
            await WriteFailedAsync(order, pending, "NotStored", reason, reply);
            throw new KeyStoreUnavailableException($"{reason} The key was not handed out; try again shortly.", ex);
        }
    }

    /// <summary>
    /// The form fields of <c>generate_session_key</c>; the portal's effective ttl is always sent, so its limits hold.
    /// <c>url_hostname</c> only names a site other than the default (the primary site's primary hostname): the
    /// appliance knows its default site, while the portal's name for it may be one the appliance does not accept
    /// (with no sites configured, the host of <c>Appliance:BaseUrl</c>, such as 127.0.0.1).
    /// </summary>
    /// <summary>
    /// The request property an appliance's refusal is about, when its message names one parameter (or, as appliances
    /// word an unknown <c>rep_username</c>, a representative's username), so the Generate page shows it at that field.
    /// </summary>
    internal static string? RefusedProperty(string message)
    {
        if (message.Contains("representative with the username", StringComparison.OrdinalIgnoreCase)) return nameof(SessionKeyRequest.QueueId);
        string[] named = [.. RefusableParameters.Where(p => Names(message, p.Parameter)).Select(p => p.Property).Distinct()];
        return named.Length == 1 ? named[0] : null;
    }

    // A whole parameter name, not part of a word ("ttl" in "throttled") or of a longer name.
    private static bool Names(string message, string parameter) =>
        Regex.IsMatch(message, $@"(?<![\w.]){Regex.Escape(parameter)}(?![\w.])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly (string Parameter, string Property)[] RefusableParameters =
    [
        (ParameterNames.QueueId, nameof(SessionKeyRequest.QueueId)),
        (ParameterNames.UrlHostname, nameof(SessionKeyRequest.UrlHostname)),
        (ParameterNames.ExternalKey, nameof(SessionKeyRequest.ExternalKey)),
        (ParameterNames.CustomExternalKey, nameof(SessionKeyRequest.ExternalKey)),
        (ParameterNames.Priority, nameof(SessionKeyRequest.Priority)),
        (ParameterNames.Skills, nameof(SessionKeyRequest.Skills)),
        (ParameterNames.Ttl, nameof(SessionKeyRequest.Ttl)),
    ];

    internal static List<KeyValuePair<string, string>> Parameters(KeyIssueOrder order)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(ParameterNames.Type, "support"),
            new(ParameterNames.QueueId, order.RequestedQueue),
            new(ParameterNames.Ttl, order.TtlSeconds.ToString(CultureInfo.InvariantCulture)),
        };
        var isDefault = order.Site.IsPrimary && string.Equals(order.UrlHostname, order.Site.PrimaryHostname, StringComparison.OrdinalIgnoreCase);
        if (!isDefault) fields.Add(new(ParameterNames.UrlHostname, order.UrlHostname));
        if (order.ExternalKey is not null) fields.Add(new(ParameterNames.CustomExternalKey, order.ExternalKey));
        foreach (var (code, value) in order.CustomFields) fields.Add(new(ParameterNames.CustomPrefix + code, value));
        if (order.Priority is int priority) fields.Add(new(ParameterNames.Priority, priority.ToString(CultureInfo.InvariantCulture)));
        if (order.Skills.Count > 0) fields.Add(new(ParameterNames.Skills, string.Join(',', order.Skills)));
        return fields;
    }

    /// <summary>Whether <paramref name="keyUrl"/> is an absolute http or https address with a host.</summary>
    internal static bool IsWebAddress(string keyUrl) =>
        Uri.TryCreate(keyUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;

    /// <summary>The <c>ak</c> of a key URL, when it fits the access-key column (32 letters or digits at most).</summary>
    internal static string? AccessKeyOf(string keyUrl)
    {
        if (!Uri.TryCreate(keyUrl, UriKind.Absolute, out var uri)) return null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && pair[..separator] == "ak")
            {
                var value = Uri.UnescapeDataString(pair[(separator + 1)..]);
                return AccessKeyPattern().IsMatch(value) ? value : null;
            }
        }
        return null;
    }

    [GeneratedRegex("^[0-9A-Za-z]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyPattern();

    private async Task<long> WritePendingAsync(KeyIssueOrder order, string host, CancellationToken cancellationToken)
    {
        try
        {
            return await writer.WriteAsync(scope => scope.Audit(new AuditRecord(order.Issuer.Actor, AuditActions.KeyIssuePending, AuditSubjects.SessionKey, null,
                AuditRecord.Serialize(new PendingDetails(order.RequestedQueue, order.Site.Name, order.UrlHostname, order.ExternalKey, order.TtlSeconds, host))))
                .Sequence, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            throw new KeyStoreUnavailableException(
                $"The audit trail cannot be written right now ({ex.GetBaseException().Message}), so no key was requested from the appliance. Try again shortly.", ex);
        }
    }

    private async Task WriteFailedAsync(KeyIssueOrder order, long pending, string kind, string reason, ApplianceSessionKey? reply)
    {
        try
        {
            await writer.WriteAsync(scope => scope.Audit(new AuditRecord(order.Issuer.Actor, AuditActions.KeyIssueFailed, AuditSubjects.SessionKey, null,
                AuditRecord.Serialize(new FailedDetails(pending, kind, reason, reply?.ShortKey, reply?.KeyUrl)))), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // The pending entry stays without its outcome: exactly the visible trace a crash would leave.
            logger.LogCritical(ex, "The outcome of a pending key request could not be audited; its pending entry stays without one.");
        }
    }

    private IssuedSessionKey Store(WriteScope scope, KeyIssueOrder order, ApplianceSessionKey reply, string accessKey, long pending, string host)
    {
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var queue = QueueOf(reply, order);
        var key = new SessionKey
        {
            ShortKey = reply.ShortKey,
            // Redeemed on the appliance's public sites, never on this portal's own pages.
            LiveShortKey = null,
            AccessKey = accessKey,
            SessionType = reply.Type,
            QueueKind = queue.Kind,
            QueueId = queue.Id,
            QueueTeamId = queue.TeamId,
            RequestedQueue = order.RequestedQueue,
            ExternalKey = reply.ExternalKey ?? order.ExternalKey,
            CustomFieldsJson = order.CustomFields.Count == 0 ? null : JsonSerializer.Serialize(order.CustomFields),
            Priority = order.Priority,
            Skills = order.Skills.Count == 0 ? null : string.Join(',', order.Skills),
            TtlSeconds = reply.Ttl ?? order.TtlSeconds,
            TtlWasGiven = order.TtlWasGiven,
            IssuedAt = issuedAt,
            ExpiresAt = reply.Expires,
            SiteId = order.Site.Id,
            UrlHostname = order.UrlHostname,
            KeyUrl = reply.KeyUrl,
            AvailableAtIssue = reply.Available,
            IssuerKind = order.Issuer.Kind,
            IssuedBy = order.Issuer.Name,
            ApiAccountId = order.Issuer.ApiAccountId,
            Origin = KeyOrigin.Appliance,
        };
        scope.Db.SessionKeys.Add(key);
        scope.Db.SaveChanges(); // the key's id names it in the audit entry

        scope.Audit(new AuditRecord(order.Issuer.Actor, AuditActions.KeyIssueCompleted, AuditSubjects.SessionKey,
            key.Id.ToString(CultureInfo.InvariantCulture), AuditRecord.Serialize(new CompletedDetails(
                pending, key.ShortKey, queue.KindName, key.QueueId, key.RequestedQueue, order.Site.Name, key.UrlHostname, key.ExternalKey,
                key.TtlSeconds, key.ExpiresAt.ToUnixTimeSeconds(), key.AvailableAtIssue, host, key.Origin.ToString()))));

        return new IssuedSessionKey(key.Id, key.SessionType, key.TtlSeconds, key.TtlWasGiven, issuedAt, key.ExpiresAt, queue, key.AvailableAtIssue,
            key.ExternalKey, key.ShortKey, key.KeyUrl, reply.MailSubject, reply.MailBody, order.Site.Id, order.Site.Name, order.UrlHostname);
    }

    /// <summary>The queue the appliance placed the key in; the resolved order where the reply is silent.</summary>
    private static QueueTarget QueueOf(ApplianceSessionKey reply, KeyIssueOrder order)
    {
        if (reply.QueueKind is not { } kind) return order.Queue;
        var id = kind == QueueKind.General ? null : reply.QueueId ?? (order.Queue.Kind == kind ? order.Queue.Id : null);
        return new QueueTarget(kind, id, kind == QueueKind.Team ? id : null);
    }

    private static string ForAgent(ApplianceException ex) => ex.Kind switch
    {
        ApplianceFailureKind.TimedOut => $"{ex.Message} No key can be shown; if the appliance issued one, it expires unused. Try again.",
        ApplianceFailureKind.Unauthorized => $"{ex.Message} No key was issued; ask an administrator to check the portal's API account on the appliance.",
        ApplianceFailureKind.Malformed => $"{ex.Message} No key can be shown; try again, and tell an administrator if it persists.",
        _ => $"{ex.Message} No key was issued; try again shortly.",
    };

    private sealed record PendingDetails(string RequestedQueue, string Site, string UrlHostname, string? ExternalKey, int Ttl, string Appliance);

    private sealed record FailedDetails(long PendingSequence, string Failure, string Reason, string? ShortKey, string? KeyUrl);

    private sealed record CompletedDetails(
        long PendingSequence, string ShortKey, string Queue, int? QueueId, string RequestedQueue, string Site, string UrlHostname,
        string? ExternalKey, int Ttl, long Expires, bool Available, string Appliance, string Origin);
}
