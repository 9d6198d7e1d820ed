using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>A validated request with everything resolved: what a key authority issues.</summary>
public sealed record KeyIssueOrder(
    QueueTarget Queue,
    string RequestedQueue,
    string? ExternalKey,
    IReadOnlyDictionary<string, string> CustomFields,
    int? Priority,
    IReadOnlyList<string> Skills,
    int TtlSeconds,
    bool TtlWasGiven,
    SiteInfo Site,
    string UrlHostname,
    KeyIssuer Issuer,
    Uri? PortalOrigin,
    bool Available,
    CatalogSnapshot Catalog);

/// <summary>An issued key: what the <c>session_key</c> document and the result card show.</summary>
public sealed record IssuedSessionKey(
    long Id,
    string Type,
    int TtlSeconds,
    bool TtlWasGiven,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    QueueTarget Queue,
    bool Available,
    string? ExternalKey,
    string ShortKey,
    string KeyUrl,
    string MailSubject,
    string MailBody,
    int SiteId,
    string SiteName,
    string UrlHostname);
