using BlazorKeyPortal.Features.Catalog;

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

    /// <summary>A form holding <paramref name="team"/> as it is now.</summary>
    public static TeamForm From(TeamInfo team) => new()
    {
        Id = team.Id, CodeName = team.CodeName, Name = team.Name, IsPersistent = team.IsPersistent, IsEnabled = team.IsEnabled,
        DefaultSiteId = team.DefaultSiteId, MemberIds = [.. team.MemberIds],
    };
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

    /// <summary>A form holding <paramref name="rep"/> as it is now.</summary>
    public static RepresentativeForm From(RepInfo rep) => new()
    {
        Id = rep.Id, Username = rep.Username, PublicDisplayName = rep.PublicDisplayName, PrivateDisplayName = rep.PrivateDisplayName,
        PortalUserName = rep.PortalUserName, IsEnabled = rep.IsEnabled, TeamIds = [.. rep.TeamIds], SkillCodes = [.. rep.SkillCodes],
    };
}

public sealed class EmbassyForm
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsPersistent { get; set; }
    public bool IsEnabled { get; set; } = true;
    public HashSet<int> MemberIds { get; set; } = [];

    /// <summary>A form holding <paramref name="embassy"/> as it is now.</summary>
    public static EmbassyForm From(EmbassyInfo embassy) => new()
    {
        Id = embassy.Id, Name = embassy.Name, IsPersistent = embassy.IsPersistent, IsEnabled = embassy.IsEnabled, MemberIds = [.. embassy.MemberIds],
    };
}

public sealed class IssueForm
{
    public int? Id { get; set; }
    public string CodeName { get; set; } = "";
    public string Description { get; set; } = "";
    public int TeamId { get; set; }
    public bool IsEnabled { get; set; } = true;

    /// <summary>A form holding <paramref name="issue"/> as it is now.</summary>
    public static IssueForm From(IssueInfo issue) => new()
    {
        Id = issue.Id, CodeName = issue.CodeName, Description = issue.Description, TeamId = issue.TeamId, IsEnabled = issue.IsEnabled,
    };
}

/// <summary>A skill or a custom field: a code name as the API uses it and a name people read.</summary>
public sealed class CodeNameForm
{
    public int? Id { get; set; }
    public string CodeName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public bool IsEnabled { get; set; } = true;

    public static CodeNameForm From(SkillInfo skill) => new() { Id = skill.Id, CodeName = skill.CodeName, DisplayName = skill.Name, IsEnabled = skill.IsEnabled };

    public static CodeNameForm From(CustomFieldInfo field) => new() { Id = field.Id, CodeName = field.CodeName, DisplayName = field.DisplayName, IsEnabled = field.IsEnabled };
}
