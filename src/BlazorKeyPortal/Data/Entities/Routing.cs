namespace BlazorKeyPortal.Data.Entities;

/// <summary>A support representative. Usernames are not necessarily unique (appliances allow duplicates).</summary>
public sealed class Representative
{
    public int Id { get; set; }
    public required string Username { get; set; }
    public required string PublicDisplayName { get; set; }
    public required string PrivateDisplayName { get; set; }
    /// <summary>The portal sign-in name (OIDC <c>preferred_username</c>/<c>name</c>) that acts as this rep.</summary>
    public string? PortalUserName { get; set; }
    public bool IsEnabled { get; set; } = true;
    public List<SupportTeam> Teams { get; set; } = [];
    public List<Embassy> Embassies { get; set; } = [];
    public List<Skill> Skills { get; set; } = [];
}

public sealed class SupportTeam
{
    public int Id { get; set; }
    public required string CodeName { get; set; }
    public required string Name { get; set; }
    /// <summary>Sessions stay queued (and the queue counts as available) with no member logged in.</summary>
    public bool IsPersistent { get; set; }
    public bool IsEnabled { get; set; } = true;
    /// <summary>The site the Generate page pre-selects for members of this team.</summary>
    public int? DefaultSiteId { get; set; }
    public List<Representative> Members { get; set; } = [];
}

public sealed class Embassy
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool IsPersistent { get; set; }
    public bool IsEnabled { get; set; } = true;
    public List<Representative> Members { get; set; } = [];
}

/// <summary>An issue a customer can pick; routes to a team (<c>issue:CODE</c>).</summary>
public sealed class SupportIssue
{
    public int Id { get; set; }
    public required string CodeName { get; set; }
    public required string Description { get; set; }
    public int TeamId { get; set; }
    public SupportTeam? Team { get; set; }
    public bool IsEnabled { get; set; } = true;
}

public sealed class Skill
{
    public int Id { get; set; }
    public required string CodeName { get; set; }
    public required string Name { get; set; }
    public bool IsEnabled { get; set; } = true;
}

/// <summary>A custom session attribute accepted as <c>session.custom.CODE</c>.</summary>
public sealed class CustomFieldDefinition
{
    public int Id { get; set; }
    public required string CodeName { get; set; }
    public required string DisplayName { get; set; }
    public bool IsEnabled { get; set; } = true;
}
