using BlazorKeyPortal.Features.SessionKeys;
using System.Globalization;
using System.Security.Claims;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Telemetry;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace BlazorKeyPortal.Features.History;

/// <summary>What became of a revocation.</summary>
public enum RevokeResult
{
    Revoked,
    NotFound,
    NotAllowed,
    /// <summary>The key was already redeemed, revoked or expired: there is nothing left to stop.</summary>
    NotActive,
    Invalid,
}

public sealed record RevokeOutcome(RevokeResult Result, string Message)
{
    public bool Succeeded => Result == RevokeResult.Revoked;
}

/// <summary>
/// Revokes an active key with a reason. Supervisors and administrators may revoke any key, the agent who issued
/// a key may revoke that one. The check, the update and the audit entry happen in one piece of work on the single
/// writer, so a key redeemed a moment earlier is not revoked, and a revoked key is unusable once this returns.
/// </summary>
public sealed class KeyRevocation(DatabaseWriter writer, IAuthorizationService authorization, IValidator<RevokeRequest> validator, PortalMetrics metrics, TimeProvider time)
{
    /// <summary>The portal's name of a signed-in user: <c>preferred_username</c>, else the identity's name.</summary>
    public static string? UserNameOf(ClaimsPrincipal user) => SignIn.PortalClaims.ActingNameOf(user);

    /// <summary>Whether <paramref name="user"/> may revoke keys other users issued.</summary>
    public async Task<bool> MayRevokeAnyAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.ReviewHistory)).Succeeded;

    /// <summary>Whether <paramref name="user"/> may revoke <paramref name="key"/> (its state aside).</summary>
    public static bool MayRevoke(ClaimsPrincipal user, bool mayRevokeAny, SessionKey key) =>
        mayRevokeAny || (key.IssuerKind == IssuerKind.User && UserNameOf(user) is { } name && string.Equals(key.IssuedBy, name, StringComparison.Ordinal));

    public async Task<RevokeOutcome> RevokeAsync(long keyId, RevokeRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return new RevokeOutcome(RevokeResult.Invalid, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }
        if (user.Identity?.IsAuthenticated != true || UserNameOf(user) is not { } userName)
        {
            return new RevokeOutcome(RevokeResult.NotAllowed, "Sign in to revoke a key.");
        }
        var mayRevokeAny = await MayRevokeAnyAsync(user);
        var reason = request.Reason!.Trim();

        var outcome = await writer.WriteAsync(scope =>
        {
            var key = scope.Db.SessionKeys.SingleOrDefault(k => k.Id == keyId);
            if (key is null)
            {
                return new RevokeOutcome(RevokeResult.NotFound, "There is no such key.");
            }
            if (!MayRevoke(user, mayRevokeAny, key))
            {
                return new RevokeOutcome(RevokeResult.NotAllowed, "Only supervisors, administrators and the agent who issued a key may revoke it.");
            }
            var now = time.GetUtcNow();
            var state = KeyStates.Of(key, now);
            if (state != KeyState.Active)
            {
                return new RevokeOutcome(RevokeResult.NotActive, $"The key is {KeyStates.Label(state).ToLowerInvariant()}; only an active key can be revoked.");
            }

            key.RevokedAt = now;
            key.RevokedBy = userName;
            key.RevokeReason = reason;
            // Redemption looks keys up by their live short key: without one, the key cannot be used any more.
            key.LiveShortKey = null;
            scope.Db.SaveChanges();
            scope.Audit(new AuditRecord($"user:{userName}", AuditActions.KeyRevoked, AuditSubjects.SessionKey,
                key.Id.ToString(CultureInfo.InvariantCulture),
                AuditRecord.Serialize(new { shortKey = key.ShortKey, reason, issuedBy = key.IssuedBy })));
            return new RevokeOutcome(RevokeResult.Revoked, $"Key {key.ShortKey} is revoked.");
        }, cancellationToken);
        if (outcome.Succeeded) metrics.KeyRevoked();
        return outcome;
    }
}
