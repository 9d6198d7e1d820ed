namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// A request for a session key as either face receives it: the command API's parameters or the Generate
/// page's fields. Values stay text until validated, so both faces get the same specific messages.
/// Property names map to the API's parameter names in <see cref="ParameterNames"/>.
/// </summary>
public sealed class SessionKeyRequest
{
    /// <summary><c>type</c>; only <c>support</c> exists.</summary>
    public string? Type { get; set; } = "support";

    /// <summary><c>queue_id</c>: general, rep:ID, team:ID, embassy:ID, rep_username:NAME or issue:CODE.</summary>
    public string? QueueId { get; set; }

    /// <summary><c>external_key</c> or <c>session.custom.external_key</c>.</summary>
    public string? ExternalKey { get; set; }

    /// <summary><c>session.custom.CODE</c> values by code name.</summary>
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>session.priority</c>: 1 (high), 2 (medium) or 3 (low).</summary>
    public string? Priority { get; set; }

    /// <summary><c>session.skills</c>: skill code names separated by commas.</summary>
    public string? Skills { get; set; }

    /// <summary><c>ttl</c> in seconds; omitted means the maximum session key timeout.</summary>
    public string? Ttl { get; set; }

    /// <summary><c>url_hostname</c>; omitted means the primary site's primary hostname.</summary>
    public string? UrlHostname { get; set; }

    /// <summary>The skill code names, without empty entries or surrounding spaces.</summary>
    public IReadOnlyList<string> SkillCodes() =>
        string.IsNullOrWhiteSpace(Skills) ? [] : Skills.Split(',', StringSplitOptions.TrimEntries);
}

/// <summary>The command API's names for <see cref="SessionKeyRequest"/>'s properties.</summary>
public static class ParameterNames
{
    public const string Action = "action";
    public const string Type = "type";
    public const string QueueId = "queue_id";
    public const string ExternalKey = "external_key";
    public const string CustomPrefix = "session.custom.";
    public const string CustomExternalKey = "session.custom.external_key";
    public const string Priority = "session.priority";
    public const string Skills = "session.skills";
    public const string Ttl = "ttl";
    public const string UrlHostname = "url_hostname";
}
