using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>
/// A portal whose history holds exactly these keys (short key → what is special about it), at the fixture clock's
/// 2026-11-30 09:00 UTC. Tests read it and never change it.
/// </summary>
public sealed class HistoryDataset : SignedInPortalFactory, IAsyncLifetime
{
    public IReadOnlyList<SessionKey> Keys { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var now = Clock.GetUtcNow(); // 2026-11-30 09:00 UTC
        var nov1 = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        Keys = await this.AddAsync(
            Key("1000001", nov1, k => k.ExternalKey = "INC0001"),
            Key("1000002", nov1.AddDays(1), k =>
            {
                (k.SiteId, k.QueueKind, k.QueueId, k.QueueTeamId, k.RequestedQueue) = (2, QueueKind.Team, 1, 1, "team:1");
                (k.IssuerKind, k.IssuedBy, k.ApiAccountId) = (IssuerKind.ApiAccount, "demo-full-access", 1);
                k.ExternalKey = "INC0002";
                (k.RedeemedAt, k.RedeemedSiteId) = (k.IssuedAt.AddMinutes(5), 2);
            }),
            Key("1000003", nov1.AddDays(2), k =>
            {
                (k.QueueKind, k.QueueId, k.QueueTeamId, k.RequestedQueue) = (QueueKind.Team, 2, 2, "team:2");
                k.IssuedBy = "agent2";
                k.ExternalKey = "inc0003";
                (k.RevokedAt, k.RevokedBy, k.RevokeReason) = (k.IssuedAt.AddMinutes(1), "sam", "typo");
            }),
            Key("1000004", now.AddMinutes(-30), k =>
            {
                (k.QueueKind, k.QueueId, k.RequestedQueue) = (QueueKind.Rep, 1, "rep:1");
                k.ExternalKey = "REQ-7";
            }),
            Key("1000005", now.AddMinutes(-15), k =>
            {
                k.SiteId = 2;
                (k.QueueKind, k.QueueId, k.RequestedQueue) = (QueueKind.Embassy, 1, "embassy:1");
                (k.IssuerKind, k.IssuedBy, k.ApiAccountId) = (IssuerKind.ApiAccount, "demo-full-access", 1);
                k.ExternalKey = "50%_off";
            }),
            Key("1000006", new DateTimeOffset(2026, 11, 29, 23, 59, 59, TimeSpan.Zero), _ => { }),
            Key("1000007", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), k => k.IssuedBy = "demo-full-access"),
            Key("1000008", nov1.AddDays(14), k =>
            {
                k.SiteId = 2;
                (k.QueueKind, k.QueueId, k.QueueTeamId, k.RequestedQueue) = (QueueKind.Team, 1, 1, "issue:other");
                k.ExternalKey = "INC0008";
                (k.RedeemedAt, k.RedeemedSiteId) = (k.IssuedAt.AddMinutes(20), 1);
            }),
            Key("1000009", nov1, k => k.SiteId = 2));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public SessionKey this[string shortKey] => Keys.Single(k => k.ShortKey == shortKey);

    private static SessionKey Key(string shortKey, DateTimeOffset issuedAt, Action<SessionKey> shape) =>
        HistoryKeys.Key(issuedAt, k =>
        {
            k.ShortKey = shortKey;
            k.LiveShortKey = shortKey;
            shape(k);
        });
}
