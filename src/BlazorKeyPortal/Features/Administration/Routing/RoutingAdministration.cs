using System.Globalization;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Administration.Routing;

/// <summary>
/// Teams, representatives, embassies, issues, skills and custom fields. What history refers to is disabled,
/// never deleted, so history keeps its names; a disabled rep or team is refused by the key service at once.
/// </summary>
public sealed class RoutingAdministration(
    AdminChanges changes,
    TeamFormValidator teams,
    RepresentativeFormValidator reps,
    EmbassyFormValidator embassies,
    IssueFormValidator issues,
    SkillFormValidator skills,
    CustomFieldFormValidator customFields)
{
    public Task<AdminResult> SaveTeamAsync(string actor, TeamForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "support_team", form, teams, scope =>
        {
            var db = scope.Db;
            var team = form.Id is int id ? db.SupportTeams.Include(t => t.Members).Single(t => t.Id == id)
                : db.SupportTeams.Add(new SupportTeam { CodeName = "", Name = "" }).Entity;
            var before = form.Id is null ? null : Describe(team);
            team.CodeName = form.CodeName;
            team.Name = form.Name.Trim();
            team.IsPersistent = form.IsPersistent;
            team.IsEnabled = form.IsEnabled;
            team.DefaultSiteId = form.DefaultSiteId;
            team.Members = db.Representatives.Where(r => form.MemberIds.Contains(r.Id)).ToList();
            db.SaveChanges();
            return Record(team.Id, before, Describe(team));
        }, cancellationToken: cancellationToken);

    public Task<AdminResult> SaveRepresentativeAsync(string actor, RepresentativeForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "representative", form, reps, scope =>
        {
            var db = scope.Db;
            var rep = form.Id is int id ? db.Representatives.Include(r => r.Teams).Include(r => r.Skills).Single(r => r.Id == id)
                : db.Representatives.Add(new Representative { Username = "", PublicDisplayName = "", PrivateDisplayName = "" }).Entity;
            var before = form.Id is null ? null : Describe(rep);
            rep.Username = form.Username.Trim();
            rep.PublicDisplayName = form.PublicDisplayName.Trim();
            rep.PrivateDisplayName = form.PrivateDisplayName.Trim();
            rep.PortalUserName = string.IsNullOrWhiteSpace(form.PortalUserName) ? null : form.PortalUserName.Trim();
            rep.IsEnabled = form.IsEnabled;
            rep.Teams = db.SupportTeams.Where(t => form.TeamIds.Contains(t.Id)).ToList();
            rep.Skills = db.Skills.Where(s => form.SkillCodes.Contains(s.CodeName)).ToList();
            db.SaveChanges();
            return Record(rep.Id, before, Describe(rep));
        }, cancellationToken: cancellationToken);

    public Task<AdminResult> SaveEmbassyAsync(string actor, EmbassyForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "embassy", form, embassies, scope =>
        {
            var db = scope.Db;
            var embassy = form.Id is int id ? db.Embassies.Include(e => e.Members).Single(e => e.Id == id)
                : db.Embassies.Add(new Embassy { Name = "" }).Entity;
            var before = form.Id is null ? null : Describe(embassy);
            embassy.Name = form.Name.Trim();
            embassy.IsPersistent = form.IsPersistent;
            embassy.IsEnabled = form.IsEnabled;
            embassy.Members = db.Representatives.Where(r => form.MemberIds.Contains(r.Id)).ToList();
            db.SaveChanges();
            return Record(embassy.Id, before, Describe(embassy));
        }, cancellationToken: cancellationToken);

    public Task<AdminResult> SaveIssueAsync(string actor, IssueForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "issue", form, issues, scope =>
        {
            var db = scope.Db;
            var issue = form.Id is int id ? db.SupportIssues.Single(i => i.Id == id)
                : db.SupportIssues.Add(new SupportIssue { CodeName = "", Description = "" }).Entity;
            var before = form.Id is null ? null : Describe(issue);
            issue.CodeName = form.CodeName;
            issue.Description = form.Description.Trim();
            issue.TeamId = form.TeamId;
            issue.IsEnabled = form.IsEnabled;
            db.SaveChanges();
            return Record(issue.Id, before, Describe(issue));
        }, cancellationToken: cancellationToken);

    public Task<AdminResult> SaveSkillAsync(string actor, CodeNameForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "skill", form, skills, scope =>
        {
            var db = scope.Db;
            var skill = form.Id is int id ? db.Skills.Single(s => s.Id == id) : db.Skills.Add(new Skill { CodeName = "", Name = "" }).Entity;
            var before = form.Id is null ? null : new { skill.CodeName, skill.Name, skill.IsEnabled };
            skill.CodeName = form.CodeName;
            skill.Name = form.DisplayName.Trim();
            skill.IsEnabled = form.IsEnabled;
            db.SaveChanges();
            return Record(skill.Id, before, new { skill.CodeName, skill.Name, skill.IsEnabled });
        }, cancellationToken: cancellationToken);

    public Task<AdminResult> SaveCustomFieldAsync(string actor, CodeNameForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "custom_field", form, customFields, scope =>
        {
            var db = scope.Db;
            var field = form.Id is int id ? db.CustomFieldDefinitions.Single(f => f.Id == id)
                : db.CustomFieldDefinitions.Add(new CustomFieldDefinition { CodeName = "", DisplayName = "" }).Entity;
            var before = form.Id is null ? null : new { field.CodeName, field.DisplayName, field.IsEnabled };
            field.CodeName = form.CodeName;
            field.DisplayName = form.DisplayName.Trim();
            field.IsEnabled = form.IsEnabled;
            db.SaveChanges();
            return Record(field.Id, before, new { field.CodeName, field.DisplayName, field.IsEnabled });
        }, cancellationToken: cancellationToken);

    private static ChangeRecord Record(int id, object? before, object after) =>
        new(id.ToString(CultureInfo.InvariantCulture), before is null ? "created" : "updated", before, after);

    private static object Describe(SupportTeam team) => new
    {
        team.CodeName, team.Name, team.IsPersistent, team.IsEnabled, team.DefaultSiteId,
        Members = team.Members.Select(r => r.Id).Order().ToList(),
    };

    private static object Describe(Representative rep) => new
    {
        rep.Username, rep.PublicDisplayName, rep.PrivateDisplayName, rep.PortalUserName, rep.IsEnabled,
        Teams = rep.Teams.Select(t => t.Id).Order().ToList(), Skills = rep.Skills.Select(s => s.CodeName).Order().ToList(),
    };

    private static object Describe(Embassy embassy) => new
    {
        embassy.Name, embassy.IsPersistent, embassy.IsEnabled, Members = embassy.Members.Select(r => r.Id).Order().ToList(),
    };

    private static object Describe(SupportIssue issue) => new { issue.CodeName, issue.Description, issue.TeamId, issue.IsEnabled };
}
