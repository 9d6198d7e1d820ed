using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Invitations;

/// <summary>Arranges invitation rows directly, for pages that show them.</summary>
public static class InvitationRows
{
    public static Task<long> AddSentAsync(PortalFactory portal, long keyId, string recipient) => portal.WriteAsync(scope =>
    {
        var now = portal.Clock.GetUtcNow();
        var invitation = new Invitation
        {
            SessionKeyId = keyId, Recipient = recipient, Language = "nl", Subject = "Remote Support Invitation", Body = "…",
            RequestedBy = "agent", Status = InvitationStatus.Sent, QueuedAt = now, NextAttemptAt = now, CompletedAt = now, Attempts = 1,
        };
        scope.Db.Invitations.Add(invitation);
        scope.Db.SaveChanges();
        return invitation.Id;
    });
}
