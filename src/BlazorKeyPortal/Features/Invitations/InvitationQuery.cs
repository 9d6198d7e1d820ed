using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>One invitation as the result card and the key page show it.</summary>
public sealed record InvitationView(
    long Id, string Recipient, string Language, string RequestedBy, InvitationStatus Status, DateTimeOffset QueuedAt,
    DateTimeOffset? CompletedAt, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>Reads a key's invitations, newest first.</summary>
public sealed class InvitationQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<IReadOnlyList<InvitationView>> ForKeyAsync(long keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .Where(i => i.SessionKeyId == keyId)
            .OrderByDescending(i => i.Id)
            .Select(i => new InvitationView(i.Id, i.Recipient, i.Language, i.RequestedBy, i.Status, i.QueuedAt, i.CompletedAt, i.Attempts, i.NextAttemptAt, i.LastError))
            .ToListAsync(cancellationToken);
    }
}
