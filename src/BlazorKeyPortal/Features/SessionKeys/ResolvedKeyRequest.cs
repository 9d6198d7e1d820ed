using BlazorKeyPortal.Features.Catalog;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// What validation resolved from a valid <see cref="SessionKeyRequest"/>, so the key is issued from exactly
/// what was checked and nothing is looked up a second time.
/// </summary>
/// <param name="Queue">The queue <c>queue_id</c> names.</param>
/// <param name="Site">The public site of <c>url_hostname</c> (the primary site when omitted).</param>
/// <param name="Hostname">The hostname the key URL uses, lower-cased.</param>
/// <param name="TtlSeconds">The time to live given, or the longest the site allows when omitted.</param>
/// <param name="TtlGiven">Whether the request gave a ttl.</param>
/// <param name="Priority">The priority given, if any.</param>
public sealed record ResolvedKeyRequest(QueueTarget Queue, SiteInfo Site, string Hostname, int TtlSeconds, bool TtlGiven, int? Priority);

/// <summary>The validator's verdict on a request, and what it resolved when the request is valid.</summary>
public sealed record KeyRequestValidation(ValidationResult Result, ResolvedKeyRequest? Resolved)
{
    public bool IsValid => Resolved is not null;
}

/// <summary>What the validator's rules found while checking one request; read once every rule has run.</summary>
internal sealed class KeyRequestResolving
{
    public QueueTarget? Queue { get; set; }
    public SiteInfo? Site { get; set; }
    public int? TtlSeconds { get; set; }
    public int? Priority { get; set; }

    /// <summary>The site is looked up once per request, by whichever rule asks first.</summary>
    public SiteInfo? EffectiveSite(SessionKeyRequest request, CatalogSnapshot catalog)
    {
        if (!_siteLookedUp)
        {
            _effectiveSite = request.UrlHostname is null ? catalog.PrimarySite : catalog.SiteByHostname.GetValueOrDefault(request.UrlHostname);
            _siteLookedUp = true;
        }
        return _effectiveSite;
    }

    private SiteInfo? _effectiveSite;
    private bool _siteLookedUp;

    public ResolvedKeyRequest? ToResolved(SessionKeyRequest request) =>
        Queue is not null && Site is not null && TtlSeconds is int ttl
            ? new ResolvedKeyRequest(Queue, Site, request.UrlHostname?.ToLowerInvariant() ?? Site.PrimaryHostname, ttl, request.Ttl is not null, Priority)
            : null;
}
