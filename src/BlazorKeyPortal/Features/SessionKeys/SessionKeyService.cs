using System.Data.Common;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.Presence;
using BlazorKeyPortal.Features.Telemetry;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// The one way to get a session key, for the command API and the Generate page alike: validate against
/// the catalog and site rules (which resolves the queue, site and ttl), compute availability, and have the configured
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
        var validation = await validator.ResolveAsync(request, snapshot, issuer, cancellationToken);
        if (validation.Resolved is not { } resolved)
        {
            return SessionKeyOutcome.Rejected(validation.Result.Errors);
        }

        var order = ToOrder(request, resolved, snapshot, issuer, portalOrigin);
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
                // A refusal that names a parameter stays with that field on the Generate page.
                return SessionKeyOutcome.Rejected([new FluentValidation.Results.ValidationFailure(ex.PropertyName ?? string.Empty, ex.Message)]);
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

    private KeyIssueOrder ToOrder(SessionKeyRequest request, ResolvedKeyRequest resolved, CatalogSnapshot snapshot, KeyIssuer issuer, Uri? portalOrigin) =>
        new(resolved.Queue, request.QueueId!, string.IsNullOrEmpty(request.ExternalKey) ? null : request.ExternalKey,
            new Dictionary<string, string>(request.CustomFields, StringComparer.Ordinal), resolved.Priority,
            request.SkillCodes().Distinct(StringComparer.Ordinal).ToList(), resolved.TtlSeconds, resolved.TtlGiven, resolved.Site,
            resolved.Hostname, issuer, portalOrigin, availability.IsAvailable(resolved.Queue, snapshot), snapshot);

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message;
    }
}
