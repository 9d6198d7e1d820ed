using System.Text.Json;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Users;

/// <summary>Someone who signed in through the company's provider: when they last did, and the portal roles it mapped for them.</summary>
public sealed record ExternalSignIn(string UserName, DateTimeOffset LastSignIn, IReadOnlyList<string> Roles, string? Provider);

/// <summary>
/// Who has signed in, read from the audit trail's <c>user.sign_in</c> entries: with the company's provider the portal
/// keeps no users of its own, so the trail is the only record of who came and with which roles.
/// </summary>
public sealed class ExternalSignIns(IDbContextFactory<PortalDbContext> databases)
{
    /// <summary>How many of the latest sign-ins are read: enough for every user of a support desk, bounded for a long trail.</summary>
    public const int Scanned = 20_000;

    public async Task<IReadOnlyList<ExternalSignIn>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.SignIn && e.SubjectType == AuditSubjects.User && e.SubjectId != null)
            .OrderByDescending(e => e.Sequence).Take(Scanned)
            .Select(e => new { e.SubjectId, e.OccurredAt, e.Details })
            .ToListAsync(cancellationToken);
        return entries
            .GroupBy(e => e.SubjectId!, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Select(e => Read(e.SubjectId!, e.OccurredAt, e.Details))
            .OrderBy(s => s.UserName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static ExternalSignIn Read(string userName, DateTimeOffset at, string? details)
    {
        var roles = new List<string>();
        string? provider = null;
        if (!string.IsNullOrEmpty(details))
        {
            try
            {
                using var json = JsonDocument.Parse(details);
                if (json.RootElement.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
                    roles.AddRange(list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
                if (json.RootElement.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.String) provider = p.GetString();
            }
            catch (JsonException)
            {
                // An entry written by another version may carry other details; the name and time still tell who came.
            }
        }
        return new ExternalSignIn(userName, at, roles, provider);
    }
}
