using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.Audit;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>Sign-ins, sign-outs and refused passwords, through the single writer into the audit chain.</summary>
public sealed class SignInAudit(DatabaseWriter writer)
{
    public Task SignedInAsync(string userName, IReadOnlyList<string> roles, string provider, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignIn, new { roles, provider }, cancellationToken);

    public Task SignedOutAsync(string userName, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignOut, null, cancellationToken);

    public Task FailedAsync(string userName, string reason, CancellationToken cancellationToken) =>
        AppendAsync(userName, AuditActions.SignInFailed, new { reason }, cancellationToken);

    private Task<int> AppendAsync(string userName, string action, object? details, CancellationToken cancellationToken) =>
        writer.WriteAsync(scope =>
        {
            scope.Audit(new AuditRecord($"user:{userName}", action, AuditSubjects.User, userName, AuditRecord.Serialize(details)));
            return 0;
        }, cancellationToken);
}
