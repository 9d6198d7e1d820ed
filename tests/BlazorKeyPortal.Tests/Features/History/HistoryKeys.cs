using System.Globalization;
using System.Security.Claims;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.History;
using Microsoft.Extensions.DependencyInjection;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>Session key rows for history tests, written through the portal's writer.</summary>
internal static class HistoryKeys
{
    /// <summary>A key issued at <paramref name="issuedAt"/> for an hour, by user "agent" for site 1 in the general queue.</summary>
    public static SessionKey Key(DateTimeOffset issuedAt, Action<SessionKey>? shape = null)
    {
        var shortKey = Random.Shared.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
        var key = new SessionKey
        {
            ShortKey = shortKey,
            LiveShortKey = shortKey,
            AccessKey = Guid.NewGuid().ToString("N"),
            QueueKind = QueueKind.General,
            RequestedQueue = "general",
            TtlSeconds = 3600,
            IssuedAt = issuedAt,
            ExpiresAt = issuedAt.AddHours(1),
            SiteId = 1,
            UrlHostname = "support.localhost",
            KeyUrl = "https://support.localhost/?ak=x",
            IssuerKind = IssuerKind.User,
            IssuedBy = "agent",
        };
        shape?.Invoke(key);
        if (key.RedeemedAt is not null || key.RevokedAt is not null) key.LiveShortKey = null;
        return key;
    }

    /// <summary>Stores <paramref name="keys"/> (ids are assigned) and returns them.</summary>
    public static async Task<IReadOnlyList<SessionKey>> AddAsync(this PortalFactory portal, params SessionKey[] keys)
    {
        await portal.WriteAsync(scope =>
        {
            scope.Db.SessionKeys.AddRange(keys);
            scope.Db.SaveChanges();
            return keys.Length;
        });
        return keys;
    }

    /// <summary>Revokes key <paramref name="id"/> as <paramref name="user"/>, in a scope as a circuit would.</summary>
    public static async Task<RevokeOutcome> RevokeAsync(this PortalFactory portal, long id, string? reason, ClaimsPrincipal user)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeyRevocation>().RevokeAsync(id, new RevokeRequest { Reason = reason }, user);
    }
}
