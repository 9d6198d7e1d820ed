using System.Globalization;
using System.Security.Claims;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.ReverseProxy;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Invitations;

public enum InvitationResult
{
    Queued,
    Invalid,
    NotFound,
    NotAllowed,
    /// <summary>The key was redeemed, revoked or expired: an invitation would send a dead link.</summary>
    NotActive,
    /// <summary>The portal has no SMTP server configured.</summary>
    Off,
}

public sealed record InvitationOutcome(InvitationResult Result, string Message, long? InvitationId = null)
{
    public bool Succeeded => Result == InvitationResult.Queued;
}

/// <summary>
/// Puts an invitation email for a key in the outbox: checks the address and who asks, fills in the site's template in the
/// chosen language, and writes the row with its audit entry through the single writer. Sending happens later, on
/// <see cref="InvitationDispatcher"/>, so a slow mail server never holds up the page.
/// </summary>
public sealed class InvitationOutbox(
    DatabaseWriter writer,
    IDbContextFactory<PortalDbContext> contextFactory,
    IAuthorizationService authorization,
    IValidator<InvitationRequest> validator,
    IInvitationTemplates templates,
    PortalCatalog catalog,
    KeyUrlBuilder urls,
    PortalPublicOrigin publicOrigin,
    InvitationEvents events,
    IOptions<SmtpOptions> smtp,
    TimeProvider time)
{
    /// <summary>Whether <paramref name="user"/> may send invitations for keys other users issued (supervisors, admins).</summary>
    public async Task<bool> MayInviteForAnyAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.ReviewHistory)).Succeeded;

    /// <summary>As for revocation: supervisors and administrators for any key, an agent for the keys they issued.</summary>
    public static bool MayInvite(ClaimsPrincipal user, bool mayInviteForAny, SessionKey key) =>
        mayInviteForAny || (key.IssuerKind == IssuerKind.User && PortalClaims.ActingNameOf(user) is { } name
            && string.Equals(key.IssuedBy, name, StringComparison.Ordinal));

    public async Task<InvitationOutcome> QueueAsync(long keyId, InvitationRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!smtp.Value.IsEnabled)
        {
            return new InvitationOutcome(InvitationResult.Off, "The portal has no mail server configured; use the Email invitation link instead.");
        }
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return new InvitationOutcome(InvitationResult.Invalid, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }
        if (user.Identity?.IsAuthenticated != true || PortalClaims.ActingNameOf(user) is not { } userName)
        {
            return new InvitationOutcome(InvitationResult.NotAllowed, "Sign in to send an invitation.");
        }

        SessionKey? key;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            key = await db.SessionKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        }
        if (key is null) return new InvitationOutcome(InvitationResult.NotFound, "There is no such key.");
        if (!MayInvite(user, await MayInviteForAnyAsync(user), key))
        {
            return new InvitationOutcome(InvitationResult.NotAllowed, "Only supervisors, administrators and the agent who issued a key may send an invitation for it.");
        }
        if (KeyStates.Of(key, time.GetUtcNow()) is var state && state != KeyState.Active)
        {
            return new InvitationOutcome(InvitationResult.NotActive, $"The key is {KeyStates.Label(state).ToLowerInvariant()}; invitations go out only for an active key.");
        }
        if ((await catalog.GetAsync(cancellationToken)).SiteById.GetValueOrDefault(key.SiteId) is not { } site)
        {
            return new InvitationOutcome(InvitationResult.NotFound, "The key's public site no longer exists.");
        }

        var recipient = request.Recipient!.Trim();
        var template = await templates.ForAsync(site, request.Language, cancellationToken);
        var siteUrl = urls.SiteUrl(key.UrlHostname, publicOrigin.Value);
        // Read from an email, the key is typed in by hand: grouped as the result card shows it.
        var shortKey = ShortKeyFormat.Grouped(key.ShortKey);
        var subject = InvitationText.Fill(template.Subject, site, siteUrl, key.KeyUrl, shortKey, key.ExpiresAt);
        var body = InvitationText.Fill(template.Body, site, siteUrl, key.KeyUrl, shortKey, key.ExpiresAt);

        var invitationId = await writer.WriteAsync(scope =>
        {
            var now = time.GetUtcNow();
            var invitation = new Invitation
            {
                SessionKeyId = key.Id,
                Recipient = recipient,
                Language = request.Language,
                Subject = subject,
                Body = body,
                RequestedBy = userName,
                Status = InvitationStatus.Queued,
                QueuedAt = now,
                NextAttemptAt = now,
            };
            scope.Db.Invitations.Add(invitation);
            scope.Db.SaveChanges();
            scope.Audit(InvitationAudit.Record($"user:{userName}", AuditActions.InvitationQueued, invitation));
            return invitation.Id;
        }, cancellationToken);

        events.Queued(key.Id);
        return new InvitationOutcome(InvitationResult.Queued, $"Invitation to {recipient} queued.", invitationId);
    }
}

/// <summary>The audit entries of invitations: about the key, with the address masked (the audit trail is never rewritten).</summary>
internal static class InvitationAudit
{
    public static AuditRecord Record(string actor, string action, Invitation invitation, string? error = null) =>
        new(actor, action, AuditSubjects.SessionKey, invitation.SessionKeyId.ToString(CultureInfo.InvariantCulture),
            AuditRecord.Serialize(new
            {
                invitation = invitation.Id,
                to = EmailAddress.Mask(invitation.Recipient),
                language = invitation.Language,
                attempts = invitation.Attempts == 0 ? (int?)null : invitation.Attempts,
                error,
            }));
}
