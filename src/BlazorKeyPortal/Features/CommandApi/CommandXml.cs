using System.Globalization;
using System.Text;
using System.Xml;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.CommandApi;

/// <summary>
/// The command API's XML documents, shaped as BeyondTrust appliances send them: declaration with
/// <c>encoding="UTF-8"</c>, a blank line, the root in the command namespace, tab indentation.
/// </summary>
public static class CommandXml
{
    public const string Namespace = "https://www.beyondtrust.com/namespaces/API/command";
    public const string ContentType = "text/xml; charset=UTF-8";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n";

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        IndentChars = "\t",
        NewLineChars = "\n",
        Encoding = new UTF8Encoding(false),
        // Control characters a caller sent (say, in an external key) must not make the document unreadable.
        CheckCharacters = false,
    };

    public static string SessionKey(IssuedSessionKey key) => Write("session_key", w =>
    {
        w.WriteElementString("type", Namespace, key.Type);
        if (key.TtlWasGiven) w.WriteElementString("ttl", Namespace, Int(key.TtlSeconds));
        w.WriteElementString("expires", Namespace, Int(key.ExpiresAt.ToUnixTimeSeconds()));
        w.WriteStartElement("queue", Namespace);
        w.WriteAttributeString("available", key.Available ? "1" : "0");
        w.WriteString(key.Queue.KindName);
        w.WriteEndElement();
        if (key.Queue.Id is int queueId) w.WriteElementString("queue_id", Namespace, Int(queueId));
        if (key.ExternalKey is not null) w.WriteElementString("external_key", Namespace, Safe(key.ExternalKey));
        w.WriteElementString("short_key", Namespace, key.ShortKey);
        w.WriteElementString("key_url", Namespace, key.KeyUrl);
        w.WriteElementString("mail_subject", Namespace, key.MailSubject);
        w.WriteElementString("mail_body", Namespace, "\n" + key.MailBody + "\n");
    });

    /// <summary>An <c>&lt;error&gt;</c> document; clients look for <c>&lt;error</c> in the body.</summary>
    public static string Error(string message)
    {
        var builder = new StringBuilder(Declaration);
        using (var w = XmlWriter.Create(builder, Settings))
        {
            w.WriteElementString("error", Namespace, Safe(message));
        }
        return builder.Append('\n').ToString();
    }

    public static string LoggedInReps(CatalogSnapshot catalog, IReadOnlyDictionary<int, DateTimeOffset> loggedIn, IReadOnlyDictionary<int, int> sessionCounts) =>
        Write("logged_in_reps", w =>
        {
            foreach (var (repId, since) in loggedIn.OrderBy(p => p.Key))
            {
                if (!catalog.RepById.TryGetValue(repId, out var rep)) continue;
                w.WriteStartElement("rep", Namespace);
                w.WriteAttributeString("id", Int(rep.Id));
                w.WriteElementString("public_display_name", Namespace, rep.PublicDisplayName);
                w.WriteElementString("private_display_name", Namespace, rep.PrivateDisplayName);
                w.WriteElementString("type", Namespace, "normal");
                w.WriteElementString("logged_in_since", Namespace, Int(since.ToUnixTimeSeconds()));
                w.WriteElementString("support_session_count", Namespace, Int(sessionCounts.GetValueOrDefault(rep.Id)));
                w.WriteElementString("showing_on_rep_list", Namespace, "1");
                w.WriteEndElement();
            }
        });

    public static string SupportTeams(CatalogSnapshot catalog, bool showMembers) => Write("support_teams", w =>
    {
        foreach (var team in catalog.Teams.Where(t => t.IsEnabled))
        {
            w.WriteStartElement("support_team", Namespace);
            w.WriteAttributeString("id", Int(team.Id));
            w.WriteElementString("name", Namespace, team.Name);
            w.WriteElementString("code_name", Namespace, team.CodeName);
            w.WriteElementString("persistent", Namespace, team.IsPersistent ? "1" : "0");
            if (showMembers)
            {
                w.WriteStartElement("members", Namespace);
                foreach (var rep in team.MemberIds.Select(id => catalog.RepById[id]).Where(r => r.IsEnabled))
                {
                    w.WriteStartElement("representative", Namespace);
                    w.WriteAttributeString("id", Int(rep.Id));
                    w.WriteElementString("username", Namespace, rep.Username);
                    w.WriteElementString("public_display_name", Namespace, rep.PublicDisplayName);
                    w.WriteElementString("private_display_name", Namespace, rep.PrivateDisplayName);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    });

    public static string ApiInformation(string apiVersion, DateTimeOffset now, string permission) => Write("api_information", w =>
    {
        w.WriteElementString("api_version", Namespace, apiVersion);
        w.WriteElementString("timestamp", Namespace, Int(now.ToUnixTimeSeconds()));
        w.WriteStartElement("permissions", Namespace);
        w.WriteStartElement("permission", Namespace);
        w.WriteAttributeString("perm_name", "perm_command");
        w.WriteAttributeString("value", permission);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>A document with <paramref name="root"/> in the command namespace, for replies of other APIs in the same style.</summary>
    public static string Write(string root, Action<XmlWriter> body)
    {
        var builder = new StringBuilder(Declaration);
        using (var w = XmlWriter.Create(builder, Settings))
        {
            w.WriteStartElement(root, Namespace);
            body(w);
            w.WriteEndElement();
        }
        return builder.Append('\n').ToString();
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry, so a reply is always well-formed.</summary>
    private static string Safe(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return new string(text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
        }
        return text;
    }
}
