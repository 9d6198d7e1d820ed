using System.Data.Common;
using BlazorKeyPortal.Features.Availability;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Telemetry;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// The one way to get a session key, for the command API and the Generate page alike: validate against
/// the catalog and site rules, resolve the queue, compute availability, and have the configured
/// <see cref="ISessionKeyAuthority"/> issue the key.
/// </summary>
public sealed class SessionKeyService(
    PortalCatalog catalog,
    IValidator<SessionKeyRequest> validator,
    QueueAvailability availability,
    ISessionKeyAuthority authority,
    PortalMetrics metrics,
    ILogger<SessionKeyService> logger)
{
    /// <summary>How many times a write that lost a unique-index race (several instances) is tried again.</summary>
    private const int MaxWriteAttempts = 3;

    public async Task<SessionKeyOutcome> GenerateAsync(SessionKeyRequest request, KeyIssuer issuer, Uri? portalOrigin, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var validation = await validator.ValidateAsync(request, snapshot, issuer, cancellationToken);
        if (!validation.IsValid)
        {
            return SessionKeyOutcome.Rejected(validation.Errors);
        }

        var order = ToOrder(request, snapshot, issuer, portalOrigin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var issued = await authority.IssueAsync(order, cancellationToken);
                // The authority returns once the key (and its audit entry) is committed.
                metrics.KeyIssued(issued.SiteName, issuer.Kind);
                return SessionKeyOutcome.Issued(issued);
            }
            catch (DbUpdateException ex) when (attempt < MaxWriteAttempts)
            {
                logger.LogWarning(ex, "Issuing a key lost a race on a unique index; trying again ({Attempt}).", attempt);
            }
            catch (KeyRequestRefusedException ex)
            {
                logger.LogWarning("The key authority refused a key: {Reason}", ex.Message);
                return SessionKeyOutcome.Rejected([new FluentValidation.Results.ValidationFailure(string.Empty, ex.Message)]);
            }
            catch (KeyStoreUnavailableException ex)
            {
                logger.LogError(ex, "The key authority could not issue a key.");
                return SessionKeyOutcome.Unavailable(ex.Message);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException { InnerException: DbException })
            {
                logger.LogError(ex, "The database refused to store a key.");
                return SessionKeyOutcome.Unavailable($"The key store cannot be written to right now ({Describe(ex)}). No key was issued; try again shortly.");
            }
        }
    }

    private KeyIssueOrder ToOrder(SessionKeyRequest request, CatalogSnapshot snapshot, KeyIssuer issuer, Uri? portalOrigin)
    {
        var queue = QueueResolver.Resolve(request.QueueId, snapshot).Target!;
        var site = SessionKeyRequestValidator.EffectiveSite(request, snapshot)!;
        var hostname = request.UrlHostname?.ToLowerInvariant() ?? site.PrimaryHostname;
        var (maximum, _) = SessionKeyRequestValidator.MaximumTtl(snapshot, site);
        var ttlGiven = request.Ttl is not null;
        var ttl = ttlGiven && SessionKeyRequestValidator.TryParseWhole(request.Ttl!, out var seconds) ? seconds : maximum;
        int? priority = request.Priority is not null && SessionKeyRequestValidator.TryParseWhole(request.Priority, out var p) ? p : null;

        return new KeyIssueOrder(
            queue, request.QueueId!, string.IsNullOrEmpty(request.ExternalKey) ? null : request.ExternalKey,
            new Dictionary<string, string>(request.CustomFields, StringComparer.Ordinal), priority,
            request.SkillCodes().Distinct(StringComparer.Ordinal).ToList(), ttl, ttlGiven, site, hostname, issuer, portalOrigin,
            availability.IsAvailable(queue, snapshot), snapshot);
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }
}
