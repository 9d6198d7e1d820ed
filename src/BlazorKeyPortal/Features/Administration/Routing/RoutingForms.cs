namespace BlazorKeyPortal.Features.Administration.Routing;

public sealed class TeamForm
{
    public int? Id { get; set; }
    public string CodeName { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsPersistent { get; set; }
    public bool IsEnabled { get; set; } = true;
    public int? DefaultSiteId { get; set; }
    public HashSet<int> MemberIds { get; set; } = [];
}

public sealed class RepresentativeForm
{
    public int? Id { get; set; }
    public string Username { get; set; } = "";
    public string PublicDisplayName { get; set; } = "";
    public string PrivateDisplayName { get; set; } = "";
    /// <summary>The portal sign-in name that acts as this representative.</summary>
    public string? PortalUserName { get; set; }
    public bool IsEnabled { get; set; } = true;
    public HashSet<int> TeamIds { get; set; } = [];
    public HashSet<string> SkillCodes { get; set; } = [];
}

public sealed class EmbassyForm
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsPersistent { get; set; }
    public bool IsEnabled { get; set; } = true;
    public HashSet<int> MemberIds { get; set; } = [];
}

public sealed class IssueForm
{
    public int? Id { get; set; }
    public string CodeName { get; set; } = "";
    public string Description { get; set; } = "";
    public int TeamId { get; set; }
    public bool IsEnabled { get; set; } = true;
}

/// <summary>A skill or a custom field: a code name as the API uses it and a name people read.</summary>
public sealed class CodeNameForm
{
    public int? Id { get; set; }
    public string CodeName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public bool IsEnabled { get; set; } = true;
}
