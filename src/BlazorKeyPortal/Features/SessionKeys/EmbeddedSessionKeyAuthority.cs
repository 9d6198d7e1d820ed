using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// The portal's own key authority: the key and its audit entry are written by the single writer in one
/// transaction, so a key never exists without its audit entry and short keys are checked for uniqueness
/// without a race.
/// </summary>
public sealed class EmbeddedSessionKeyAuthority(DatabaseWriter writer, KeyUrlBuilder urls, TimeProvider time) : ISessionKeyAuthority
{
    /// <summary>With 10^7 short keys, ten live collisions in a row mean the key space is nearly used up.</summary>
    private const int MaxShortKeyAttempts = 10;

    public async Task<IssuedSessionKey> IssueAsync(KeyIssueOrder order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Appliances report whole seconds; the access key keeps the milliseconds, which order keys within a second.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var accessKey = KeyMaterial.NewAccessKey(now);
        var siteUrl = urls.SiteUrl(order.UrlHostname, order.PortalOrigin);
        var keyUrl = urls.KeyUrl(order.UrlHostname, accessKey, order.PortalOrigin);
        var alphabet = order.Catalog.Settings.ShortKeyAlphabet;
        var customFieldsJson = order.CustomFields.Count == 0 ? null : JsonSerializer.Serialize(order.CustomFields);
        var skills = order.Skills.Count == 0 ? null : string.Join(',', order.Skills);
        var expiresAt = issuedAt.AddSeconds(order.TtlSeconds);
        // Only what needs the database runs on the single writer's thread. The first short key and the audit entry's
        // details for it are made here; nearly always that key is free, and the writer uses them as they are.
        var firstShortKey = KeyMaterial.NewShortKey(alphabet);
        var firstDetails = AuditRecord.Serialize(IssuedKeyDetails.Of(firstShortKey, expiresAt, skills, order));

        var key = await writer.WriteRepeatableAsync(scope =>
        {
            var shortKey = ClaimShortKey(scope.Statements, firstShortKey, alphabet, time.GetUtcNow());

            var row = new SessionKey
            {
                ShortKey = shortKey,
                LiveShortKey = shortKey,
                AccessKey = accessKey,
                QueueKind = order.Queue.Kind,
                QueueId = order.Queue.Id,
                QueueTeamId = order.Queue.TeamId,
                RequestedQueue = order.RequestedQueue,
                ExternalKey = order.ExternalKey,
                CustomFieldsJson = customFieldsJson,
                Priority = order.Priority,
                Skills = skills,
                TtlSeconds = order.TtlSeconds,
                TtlWasGiven = order.TtlWasGiven,
                IssuedAt = issuedAt,
                ExpiresAt = expiresAt,
                SiteId = order.Site.Id,
                UrlHostname = order.UrlHostname,
                KeyUrl = keyUrl,
                AvailableAtIssue = order.Available,
                IssuerKind = order.Issuer.Kind,
                IssuedBy = order.Issuer.Name,
                ApiAccountId = order.Issuer.ApiAccountId,
                Origin = KeyOrigin.Embedded,
            };
            scope.Statements.Insert(row); // sets row.Id, which names the key in its audit entry

            var details = shortKey == firstShortKey ? firstDetails
                : AuditRecord.Serialize(IssuedKeyDetails.Of(shortKey, expiresAt, skills, order));
            scope.Audit(new AuditRecord(order.Issuer.Actor, AuditActions.KeyIssued, AuditSubjects.SessionKey,
                row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details));

            return row;
        }, cancellationToken);

        var (subject, body) = InvitationText.Render(order.Site, siteUrl, keyUrl, key.ShortKey, key.ExpiresAt);
        return new IssuedSessionKey(key.Id, key.SessionType, key.TtlSeconds, key.TtlWasGiven, key.IssuedAt, key.ExpiresAt, order.Queue,
            order.Available, key.ExternalKey, key.ShortKey, keyUrl, subject, body, order.Site.Id, order.Site.Name, order.UrlHostname);
    }

    /// <summary>
    /// Draws short keys until one is free among live keys. A key that expired but still holds its short key
    /// gives it up here, so expired keys never exhaust the space.
    /// </summary>
    private static string ClaimShortKey(PreparedStatements statements, string firstCandidate, ShortKeyAlphabet alphabet, DateTimeOffset now)
    {
        var find = statements.Query(
            // Both columns, so that SQLite seeks its one short-key index (SqlitePortalDbContext); LiveShortKey is the short key or NULL.
            sqlite: "SELECT \"Id\", \"ExpiresAt\" FROM \"SessionKeys\" WHERE \"ShortKey\" = @p0 AND \"LiveShortKey\" = @p0 LIMIT 1",
            sqlServer: "SELECT TOP 1 [Id], [ExpiresAt] FROM [SessionKeys] WHERE [LiveShortKey] = @p0",
            parameterCount: 1);
        for (var attempt = 0; attempt < MaxShortKeyAttempts; attempt++)
        {
            var candidate = attempt == 0 ? firstCandidate : KeyMaterial.NewShortKey(alphabet);
            find.Parameters[0].Value = candidate;
            long holderId;
            DateTimeOffset holderExpires;
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read()) return candidate;
                holderId = reader.GetInt64(0);
                holderExpires = statements.FromProvider<DateTimeOffset, SessionKey>(nameof(SessionKey.ExpiresAt), reader.GetValue(1));
            }
            if (holderExpires <= now)
            {
                var release = statements.Query(
                    sqlite: "UPDATE \"SessionKeys\" SET \"LiveShortKey\" = NULL WHERE \"Id\" = @p0",
                    sqlServer: "UPDATE [SessionKeys] SET [LiveShortKey] = NULL WHERE [Id] = @p0",
                    parameterCount: 1);
                release.Parameters[0].Value = holderId;
                release.ExecuteNonQuery();
                return candidate;
            }
        }
        throw new KeyStoreUnavailableException("No free short key was found; the short-key space is nearly used up. Ask an administrator to switch to the letters-and-digits alphabet.");
    }
}

/// <summary>What the audit entry of an issued key records.</summary>
internal sealed record IssuedKeyDetails(
    string ShortKey, string Queue, int? QueueId, string RequestedQueue, string Site, string UrlHostname, string? ExternalKey,
    int Ttl, long Expires, int? Priority, string? Skills, IReadOnlyDictionary<string, string>? CustomFields, bool Available, string Origin)
{
    public static IssuedKeyDetails Of(string shortKey, DateTimeOffset expiresAt, string? skills, KeyIssueOrder order) => new(
        shortKey, order.Queue.KindName, order.Queue.Id, order.RequestedQueue, order.Site.Name, order.UrlHostname, order.ExternalKey,
        order.TtlSeconds, expiresAt.ToUnixTimeSeconds(), order.Priority, skills,
        order.CustomFields.Count == 0 ? null : order.CustomFields, order.Available, nameof(KeyOrigin.Embedded));
}
