using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using static BlazorKeyPortal.Features.ApiProtocol.ApiXml;

namespace BlazorKeyPortal.Features.CommandApi;

/// <summary>The command API's own XML documents (a key, logged-in reps, teams, API information), written by <see cref="ApiProtocol.ApiXml"/>.</summary>
public static class CommandXml
{
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
}
