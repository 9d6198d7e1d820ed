using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.Appliance;

/// <summary>
/// Reads the appliance's command API documents by local names only, so the current
/// (<c>https://www.beyondtrust.com/namespaces/API/command</c>) and the older
/// (<c>http://www.bomgar.com/namespaces/API/command</c>) namespaces, or none, read alike; layout whitespace
/// (tabs, the blank line after the declaration) does not matter, and optional elements may be absent.
/// </summary>
public static class ApplianceXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        // Replies come from the network: no DTDs, no external entities.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = false,
    };

    /// <summary>Parses a reply body; a body that is not XML is <see cref="ApplianceFailureKind.Malformed"/>.</summary>
    public static XDocument Parse(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), ReaderSettings);
            return XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new ApplianceException(ApplianceFailureKind.Malformed, $"The appliance's reply is not XML ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// The message of an <c>&lt;error&gt;</c> element, as the root or anywhere inside the reply (appliances answer
    /// errors with HTTP 200, and clients look for <c>&lt;error</c> in the body); null when there is none.
    /// </summary>
    public static string? FindError(XDocument document)
    {
        var root = document.Root;
        if (root is null) return null;
        var error = root.Name.LocalName == "error" ? root : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "error");
        if (error is null) return null;
        var message = error.Value.Trim();
        return message.Length == 0 ? "the appliance answered with an empty <error>" : message;
    }

    /// <summary>A <c>&lt;session_key&gt;</c> reply of <c>generate_session_key</c>.</summary>
    public static ApplianceSessionKey ReadSessionKey(XDocument document)
    {
        var root = Root(document, "session_key");
        var queue = Child(root, "queue");
        return new ApplianceSessionKey(
            Type: Text(root, "type") ?? "support",
            Ttl: Int(root, "ttl"),
            Expires: DateTimeOffset.FromUnixTimeSeconds(Long(root, "expires") ?? throw Missing("session_key", "expires")),
            QueueKind: ParseQueueKind(queue?.Value.Trim()),
            Available: queue?.Attribute("available")?.Value.Trim() == "1",
            QueueId: Int(root, "queue_id"),
            ExternalKey: Child(root, "external_key")?.Value,
            ShortKey: Text(root, "short_key") ?? throw Missing("session_key", "short_key"),
            KeyUrl: Text(root, "key_url") ?? throw Missing("session_key", "key_url"),
            MailSubject: Text(root, "mail_subject") ?? "",
            MailBody: Text(root, "mail_body") ?? "");
    }

    /// <summary>A <c>&lt;support_teams&gt;</c> reply of <c>get_support_teams</c> (with <c>showmembers=1</c> for members).</summary>
    public static IReadOnlyList<ApplianceTeam> ReadSupportTeams(XDocument document)
    {
        var root = Root(document, "support_teams");
        var teams = new List<ApplianceTeam>();
        foreach (var team in root.Elements().Where(e => e.Name.LocalName == "support_team"))
        {
            // A team without an id cannot be named as team:ID, so it cannot be routed to.
            if (Id(team) is not int id) continue;
            var members = Child(team, "members")?.Elements().Where(e => e.Name.LocalName == "representative")
                .Select(r => Id(r) is int repId
                    ? new ApplianceRep(repId, Text(r, "username") ?? "", DisplayName(r, "public_display_name"), DisplayName(r, "private_display_name"))
                    : null)
                .OfType<ApplianceRep>().ToList() ?? [];
            teams.Add(new ApplianceTeam(id, Text(team, "code_name") ?? "", Text(team, "name") ?? Text(team, "code_name") ?? "",
                Flag(team, "persistent"), members));
        }
        return teams;
    }

    /// <summary>A <c>&lt;logged_in_reps&gt;</c> reply of <c>get_logged_in_reps</c>.</summary>
    public static IReadOnlyList<ApplianceLogin> ReadLoggedInReps(XDocument document)
    {
        var root = Root(document, "logged_in_reps");
        return root.Elements().Where(e => e.Name.LocalName == "rep")
            .Select(r => Id(r) is int id
                ? new ApplianceLogin(id, DisplayName(r, "public_display_name"), DisplayName(r, "private_display_name"),
                    Long(r, "logged_in_since") is long since ? DateTimeOffset.FromUnixTimeSeconds(since) : null,
                    Int(r, "support_session_count") ?? 0)
                : null)
            .OfType<ApplianceLogin>().ToList();
    }

    /// <summary>An <c>&lt;api_information&gt;</c> reply of <c>get_api_info</c>.</summary>
    public static ApplianceApiInfo ReadApiInfo(XDocument document)
    {
        var root = Root(document, "api_information");
        var permission = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "permission" && e.Attribute("perm_name")?.Value == "perm_command");
        return new ApplianceApiInfo(Text(root, "api_version"), permission?.Attribute("value")?.Value);
    }

    private static XElement Root(XDocument document, string expected)
    {
        var root = document.Root ?? throw new ApplianceException(ApplianceFailureKind.Malformed, "The appliance's reply is empty.");
        return root.Name.LocalName == expected
            ? root
            : throw new ApplianceException(ApplianceFailureKind.Malformed, $"The appliance answered <{root.Name.LocalName}> where <{expected}> was expected.");
    }

    private static ApplianceException Missing(string root, string element) =>
        new(ApplianceFailureKind.Malformed, $"The appliance's <{root}> has no <{element}>.");

    private static XElement? Child(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>The trimmed text of a child, or null when it is absent or empty.</summary>
    private static string? Text(XElement parent, string localName) =>
        Child(parent, localName)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static long? Long(XElement parent, string localName) =>
        long.TryParse(Text(parent, localName), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? Int(XElement parent, string localName) =>
        int.TryParse(Text(parent, localName), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Flag(XElement parent, string localName) => Text(parent, localName) is "1" or "true";

    /// <summary>The <c>id</c> attribute, or an <c>&lt;id&gt;</c> child.</summary>
    private static int? Id(XElement element) =>
        int.TryParse(element.Attribute("id")?.Value ?? Text(element, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string DisplayName(XElement rep, string localName) =>
        Text(rep, localName) ?? Text(rep, "display_name") ?? Text(rep, "public_display_name") ?? Text(rep, "username") ?? "";

    private static QueueKind? ParseQueueKind(string? text) => text switch
    {
        "general" => QueueKind.General,
        "rep" => QueueKind.Rep,
        "team" => QueueKind.Team,
        "embassy" => QueueKind.Embassy,
        _ => null,
    };
}

/// <summary>What <c>generate_session_key</c> answered. <see cref="QueueKind"/> is null when the reply named no known kind.</summary>
public sealed record ApplianceSessionKey(
    string Type,
    int? Ttl,
    DateTimeOffset Expires,
    QueueKind? QueueKind,
    bool Available,
    int? QueueId,
    string? ExternalKey,
    string ShortKey,
    string KeyUrl,
    string MailSubject,
    string MailBody);

public sealed record ApplianceRep(int Id, string Username, string PublicDisplayName, string PrivateDisplayName);

public sealed record ApplianceTeam(int Id, string CodeName, string Name, bool IsPersistent, IReadOnlyList<ApplianceRep> Members);

public sealed record ApplianceLogin(int Id, string PublicDisplayName, string PrivateDisplayName, DateTimeOffset? LoggedInSince, int SupportSessionCount);

/// <summary>What <c>get_api_info</c> says about the portal's API account; <see cref="CommandPermission"/> is deny, read_only or full_access.</summary>
public sealed record ApplianceApiInfo(string? ApiVersion, string? CommandPermission);
