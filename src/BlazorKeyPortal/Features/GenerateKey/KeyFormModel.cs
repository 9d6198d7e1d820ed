using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorKeyPortal.Features.GenerateKey;

/// <summary>The kinds of queue the Generate page offers; each maps to a <c>queue_id</c> form of the command API.</summary>
public enum QueueChoice
{
    Team,
    Representative,
    RepresentativeByUsername,
    Embassy,
    Issue,
    General,
}

/// <summary>
/// What the Generate page's fields hold. It becomes a <see cref="SessionKeyRequest"/> (the command API's model)
/// for validation and issuing, and it can be filled from the command API's parameter names in a query string.
/// </summary>
public sealed class KeyFormModel
{
    public QueueChoice Kind { get; set; } = QueueChoice.Team;

    /// <summary>The id, username or issue code name of the queue; unused for <see cref="QueueChoice.General"/>.</summary>
    public string? Target { get; set; }

    public string? UrlHostname { get; set; }
    public string? ExternalKey { get; set; }
    public Dictionary<string, string> CustomFields { get; } = new(StringComparer.Ordinal);
    public string? Priority { get; set; }
    public IReadOnlyCollection<string> Skills { get; set; } = [];

    /// <summary>Seconds as text, as the API takes them; null means the maximum.</summary>
    public string? Ttl { get; set; }

    /// <summary>The <c>queue_id</c> the fields describe, or null while no target is chosen.</summary>
    public string? QueueId => Kind switch
    {
        QueueChoice.General => "general",
        _ when string.IsNullOrWhiteSpace(Target) => null,
        QueueChoice.Representative => $"rep:{Target}",
        QueueChoice.RepresentativeByUsername => $"rep_username:{Target}",
        QueueChoice.Embassy => $"embassy:{Target}",
        QueueChoice.Issue => $"issue:{Target}",
        _ => $"team:{Target}",
    };

    public SessionKeyRequest ToRequest() => new()
    {
        QueueId = QueueId,
        UrlHostname = string.IsNullOrWhiteSpace(UrlHostname) ? null : UrlHostname,
        ExternalKey = string.IsNullOrEmpty(ExternalKey) ? null : ExternalKey,
        CustomFields = CustomFields.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
        Priority = string.IsNullOrEmpty(Priority) ? null : Priority,
        Skills = Skills.Count == 0 ? null : string.Join(',', Skills),
        Ttl = string.IsNullOrEmpty(Ttl) ? null : Ttl,
    };

    /// <summary>Sets <see cref="Kind"/> and <see cref="Target"/> from a <c>queue_id</c>; false when it has no known form.</summary>
    public bool TrySetQueue(string? queueId)
    {
        if (queueId == "general")
        {
            (Kind, Target) = (QueueChoice.General, null);
            return true;
        }
        var colon = queueId?.IndexOf(':') ?? -1;
        if (colon <= 0) return false;
        QueueChoice? kind = queueId![..colon] switch
        {
            "team" => QueueChoice.Team,
            "rep" => QueueChoice.Representative,
            "rep_username" => QueueChoice.RepresentativeByUsername,
            "embassy" => QueueChoice.Embassy,
            "issue" => QueueChoice.Issue,
            _ => null,
        };
        if (kind is null) return false;
        (Kind, Target) = (kind.Value, queueId[(colon + 1)..]);
        return true;
    }

    /// <summary>
    /// Fills the fields from a query string with the command API's names (<c>queue_id</c>, <c>external_key</c> or
    /// <c>session.custom.external_key</c>, <c>session.custom.CODE</c>, <c>session.priority</c>, <c>session.skills</c>,
    /// <c>ttl</c>, <c>url_hostname</c>), so a ticket can link to the page prefilled. Unknown names are ignored.
    /// </summary>
    public void Prefill(string query)
    {
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            var value = values.ToString();
            switch (name)
            {
                case ParameterNames.QueueId: TrySetQueue(value); break;
                case ParameterNames.ExternalKey or ParameterNames.CustomExternalKey: ExternalKey = value; break;
                case ParameterNames.Priority: Priority = value; break;
                case ParameterNames.Skills: Skills = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case ParameterNames.Ttl: Ttl = value; break;
                case ParameterNames.UrlHostname: UrlHostname = value.ToLowerInvariant(); break;
                default:
                    if (name.StartsWith(ParameterNames.CustomPrefix, StringComparison.Ordinal) && name.Length > ParameterNames.CustomPrefix.Length)
                    {
                        CustomFields[name[ParameterNames.CustomPrefix.Length..]] = value;
                    }
                    break;
            }
        }
    }
}
