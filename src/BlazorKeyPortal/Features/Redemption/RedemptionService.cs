using System.Globalization;
using System.Text.Json;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SupportQueue;
using BlazorKeyPortal.Features.Telemetry;
using BlazorKeyPortal.Features.Throttling;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>How and where a customer tries to redeem a key.</summary>
/// <param name="Method">Typed short key, key URL, or <c>/api/start_session</c>.</param>
/// <param name="EnteredOn">
/// The public site the request reached, when the session belongs to it: the source document ties a typed code to
/// the site it was entered on. Null for key URLs (their session belongs to the site of the key's url_hostname)
/// and for API calls that did not come through a public site's hostname.
/// </param>
/// <param name="Client">The client address, for the failed-attempt budgets and the audit trail.</param>
public sealed record RedemptionAttempt(RedemptionMethod Method, SiteInfo? EnteredOn, ClientAddress Client);

/// <summary>
/// Turns a session key into a waiting support session, exactly once. The check and the update run as one work item
/// of the single <see cref="DatabaseWriter"/>, so two customers racing with the same key cannot both win; every
/// failure is audited and spends the client's failed-attempt budget, and changes nothing else.
/// </summary>
public sealed class RedemptionService(
    DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> contextFactory,
    PortalCatalog catalog,
    IValidator<RedemptionRequest> validator,
    FailedAttemptLimits limits,
    SupportQueueNotifier queueNotifier,
    PortalMetrics metrics,
    TimeProvider time)
{
    public async Task<RedemptionOutcome> RedeemAsync(RedemptionRequest request, RedemptionAttempt attempt, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid) return RedemptionOutcome.Invalid(validation.Errors.Select(e => e.ErrorMessage).ToList());
        if (attempt.EnteredOn is { IsEnabled: false }) return RedemptionOutcome.Failed(RedemptionFailure.SiteClosed);

        var snapshot = await catalog.GetAsync(cancellationToken);
        var outcome = await writer.WriteAsync(scope => Redeem(scope, request, attempt, snapshot), cancellationToken);
        if (outcome.Session is { } session)
        {
            queueNotifier.Notify(new QueueChange(session.SessionId, SupportSessionStatus.Waiting));
            metrics.KeyRedeemed(session.SiteName, attempt.Method.ToString());
        }
        else if (outcome.Failure is { } failure)
        {
            // Expiry happens by time alone; a customer presenting an expired key is when the portal notices one.
            metrics.RedemptionFailed(ReasonName(failure));
        }
        return outcome;
    }

    /// <summary>Runs on the writer thread: the budget check, the lookup and the redemption see one consistent state.</summary>
    private RedemptionOutcome Redeem(WriteScope scope, RedemptionRequest request, RedemptionAttempt attempt, CatalogSnapshot snapshot)
    {
        var shortKey = request.AccessKey is null;
        // The rate limiter's gate was checked before the request got here; concurrent failures may have used up the
        // budget since, and this check, serialised with every recorded failure, is the one that holds exactly.
        if (limits.RetryAfter(attempt.Client, shortKey) is { } wait) return RedemptionOutcome.Throttled(wait);

        var now = time.GetUtcNow();
        var db = scope.Db;
        var (key, typed, failure) = Find(db, request);
        failure ??= Classify(key!, now);

        if (failure is { } reason)
        {
            limits.RecordFailure(attempt.Client, shortKey);
            scope.Audit(new AuditRecord(Actor(attempt), AuditActions.RedemptionFailed, key is null ? null : AuditSubjects.SessionKey, key?.Id.ToString(CultureInfo.InvariantCulture),
                AuditRecord.Serialize(new { reason = ReasonName(reason), method = attempt.Method.ToString(), site = attempt.EnteredOn?.Name, short_key = typed, address = attempt.Client.Address })));
            return RedemptionOutcome.Failed(reason);
        }

        var siteId = attempt.EnteredOn?.Id ?? SiteOfKeyUrl(key!, snapshot);
        var session = new SupportSession
        {
            SessionKeyId = key!.Id,
            SiteId = siteId,
            Method = attempt.Method,
            StartedAt = now,
            QueueKind = key.QueueKind,
            QueueId = key.QueueId,
            QueueTeamId = key.QueueTeamId,
            CustomerName = Given(request.CustomerName),
            CustomerCompany = Given(request.CustomerCompany),
            CustomerCompanyCode = Given(request.CustomerCompanyCode),
            ExternalKey = Given(request.ExternalKey) ?? key.ExternalKey,
            CustomFieldsJson = MergeCustomFields(key.CustomFieldsJson, request.CustomFields),
            Priority = key.Priority,
            Skills = key.Skills,
            Status = SupportSessionStatus.Waiting,
        };
        key.RedeemedAt = now;
        key.RedeemedSiteId = siteId;
        key.LiveShortKey = null;
        db.SupportSessions.Add(session);
        db.SaveChanges(); // the session's id goes into the audit entry

        var siteName = snapshot.SiteById.TryGetValue(siteId, out var site) ? site.Name : db.PublicSites.Where(s => s.Id == siteId).Select(s => s.Name).Single();
        scope.Audit(new AuditRecord(Actor(attempt), AuditActions.KeyRedeemed, AuditSubjects.SessionKey, key.Id.ToString(CultureInfo.InvariantCulture),
            AuditRecord.Serialize(new { session_id = session.Id, site = siteName, method = attempt.Method.ToString(), address = attempt.Client.Address })));
        return RedemptionOutcome.Started(new RedeemedSession(session.Id, key.Id, siteId, siteName, key.QueueKind, key.QueueId, now));
    }

    /// <summary>Whether the key at an access key can start a session now, without changing anything (for the landing page).</summary>
    public async Task<RedemptionFailure?> CheckAccessKeyAsync(string? accessKey, CancellationToken cancellationToken)
    {
        if (accessKey is null || !IsAccessKey(accessKey)) return RedemptionFailure.UnknownKey;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await ByAccessKey(db.SessionKeys.AsNoTracking(), accessKey).SingleOrDefaultAsync(cancellationToken);
        return key is null ? RedemptionFailure.UnknownKey : Classify(key, time.GetUtcNow());
    }

    /// <summary>Why an existing key cannot start a session now, or null when it can. Used beats revoked beats expired.</summary>
    private static RedemptionFailure? Classify(SessionKey key, DateTimeOffset now) =>
        key.RedeemedAt is not null ? RedemptionFailure.AlreadyUsed
        : key.RevokedAt is not null ? RedemptionFailure.Revoked
        // A key that is neither used nor revoked loses its live short key only once it has expired.
        : key.ExpiresAt <= now || key.LiveShortKey is null ? RedemptionFailure.Expired
        : null;

    /// <summary>
    /// The key a request names. A short key is looked up among all keys that ever had it, newest first: the live
    /// holder if there is one, else the last key with it, so a customer with a used or expired key hears so
    /// rather than "unknown". Keys a BeyondTrust appliance issued are redeemed on the appliance's own sites.
    /// </summary>
    private static (SessionKey? Key, string? Typed, RedemptionFailure? Failure) Find(PortalDbContext db, RedemptionRequest request)
    {
        if (request.AccessKey is { } accessKey)
        {
            var byAccessKey = IsAccessKey(accessKey) ? ByAccessKey(db.SessionKeys, accessKey).SingleOrDefault() : null;
            return (byAccessKey, null, byAccessKey is null ? RedemptionFailure.UnknownKey : null);
        }

        var typed = KeyMaterial.NormalizeShortKey(request.ShortKey);
        if (typed is null) return (null, null, RedemptionFailure.NotAKey);
        var key = db.SessionKeys.Where(k => k.ShortKey == typed && k.Origin == KeyOrigin.Embedded).OrderByDescending(k => k.Id).FirstOrDefault();
        return (key, typed, key is null ? RedemptionFailure.UnknownKey : null);
    }

    private static IQueryable<SessionKey> ByAccessKey(IQueryable<SessionKey> keys, string accessKey) =>
        keys.Where(k => k.AccessKey == accessKey && k.Origin == KeyOrigin.Embedded);

    /// <summary>The site of the key's url_hostname as configured now; the site recorded at issue if the hostname has gone.</summary>
    private static int SiteOfKeyUrl(SessionKey key, CatalogSnapshot snapshot) =>
        snapshot.SiteByHostname.TryGetValue(key.UrlHostname, out var site) ? site.Id : key.SiteId;

    /// <summary>The key's custom fields, overwritten field by field by those given at redemption.</summary>
    private static string? MergeCustomFields(string? keyFieldsJson, IReadOnlyDictionary<string, string> given)
    {
        var fields = (keyFieldsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(keyFieldsJson)) ?? [];
        foreach (var (code, value) in given)
        {
            if (value.Length > 0) fields[code] = value;
        }
        return fields.Count == 0 ? null : JsonSerializer.Serialize(fields);
    }

    private static bool IsAccessKey(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Actor(RedemptionAttempt attempt) => $"public:{attempt.Client.Address}";

    private static string ReasonName(RedemptionFailure failure) => failure switch
    {
        RedemptionFailure.UnknownKey => "unknown_key",
        RedemptionFailure.NotAKey => "not_a_key",
        RedemptionFailure.AlreadyUsed => "already_used",
        RedemptionFailure.Expired => "expired",
        RedemptionFailure.Revoked => "revoked",
        _ => "site_closed",
    };
}
