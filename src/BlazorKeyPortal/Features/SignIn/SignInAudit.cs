using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>Sign-ins, sign-outs (the user's own and sessions the portal ended) and refused passwords, through the single writer into the audit chain.</summary>
public sealed class SignInAudit(DatabaseWriter writer)
{
    public Task SignedInAsync(string userName, IReadOnlyList<string> roles, string provider, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignIn, new { roles, provider }, cancellationToken);

    public Task SignedOutAsync(string userName, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignOut, null, cancellationToken);

    /// <summary>A session the portal ended itself (user removed or locked out, security stamp changed), as a sign-out by the system.</summary>
    public Task SessionEndedAsync(string userName, string reason, CancellationToken cancellationToken) =>
        AppendAsync("system", userName, AuditActions.SignOut, new { forced = true, reason = $"session ended: {reason}" }, cancellationToken);

    /// <summary>
    /// A session the portal carried on under the roles the user store has now, recorded as the system signing the user
    /// in again with them (roles are managed outside the portal, so this is where the audit trail sees them change).
    /// </summary>
    public Task SessionRolesChangedAsync(string userName, IReadOnlyList<string> roles, IReadOnlyList<string> previousRoles, CancellationToken cancellationToken) =>
        AppendAsync("system", userName, AuditActions.SignIn, new { roles, previousRoles, provider = "built-in", reason = "session roles changed" }, cancellationToken);

    public Task FailedAsync(string userName, string reason, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignInFailed, new { reason }, cancellationToken);

    private Task<int> AppendAsync(string userName, string action, object? details, CancellationToken cancellationToken) =>
        AppendAsync($"user:{userName}", userName, action, details, cancellationToken);

    private Task<int> AppendAsync(string actor, string userName, string action, object? details, CancellationToken cancellationToken) =>
        writer.WriteAsync(scope =>
        {
            scope.Audit(new AuditRecord(actor, action, AuditSubjects.User, userName, AuditRecord.Serialize(details)));
            return 0;
        }, cancellationToken);
}
