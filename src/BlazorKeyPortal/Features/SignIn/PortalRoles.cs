namespace BlazorKeyPortal.Features.SignIn;

/// <summary>The portal's roles, as they appear in the role claim after sign-in.</summary>
public static class PortalRoles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];
}

/// <summary>Authorization policies of portal pages. Pages use these names, never role strings.</summary>
public static class PortalPolicies
{
    /// <summary>Generate keys, my keys, the queue: Agent (supervisors and admins may issue keys too).</summary>
    public const string IssueKeys = "IssueKeys";
    /// <summary>History, revocation of any key, charts, audit verification: Supervisor or Admin.</summary>
    public const string ReviewHistory = "ReviewHistory";
    /// <summary>Every /admin page: Admin.</summary>
    public const string Administer = "Administer";
}
