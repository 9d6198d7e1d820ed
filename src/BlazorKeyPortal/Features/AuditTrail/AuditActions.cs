namespace BlazorKeyPortal.Features.AuditTrail;

/// <summary>The names of audited actions, as stored in <c>AuditEntry.Action</c>.</summary>
public static class AuditActions
{
    public const string KeyIssued = "key.issued";
    public const string KeyIssuePending = "key.issue_pending";
    public const string KeyIssueCompleted = "key.issue_completed";
    public const string KeyIssueFailed = "key.issue_failed";
    public const string KeyRedeemed = "key.redeemed";
    public const string RedemptionFailed = "key.redemption_failed";
    public const string KeyRevoked = "key.revoked";
    public const string KeysRemovedByRetention = "key.removed_by_retention";
    public const string SessionAccepted = "session.accepted";
    public const string SessionEnded = "session.ended";
    public const string AdminChange = "admin.change";
    public const string ApiAccountChange = "api_account.change";
    public const string ApiTokenIssued = "api_account.token_issued";
    public const string SignIn = "user.sign_in";
    public const string SignOut = "user.sign_out";
    public const string SignInFailed = "user.sign_in_failed";
    public const string SeedApplied = "system.seed";
    public const string InvitationQueued = "invitation.queued";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationFailed = "invitation.failed";
}

/// <summary>The names of audited subjects, as stored in <c>AuditEntry.SubjectType</c>.</summary>
public static class AuditSubjects
{
    public const string SessionKey = "session_key";
    public const string SupportSession = "support_session";
    public const string ApiAccount = "api_account";
    public const string User = "user";
}
