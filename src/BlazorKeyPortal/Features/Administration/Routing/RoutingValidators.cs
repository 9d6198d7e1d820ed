using BlazorKeyPortal.Features.Catalog;
using FluentValidation;

namespace BlazorKeyPortal.Features.Administration.Routing;

public sealed class TeamFormValidator : AbstractValidator<TeamForm>
{
    public TeamFormValidator()
    {
        RuleFor(f => f.CodeName).Custom((code, context) =>
        {
            if (!AdminRules.IsCodeName(code)) context.AddFailure("The code name is what the API uses: lower-case letters, digits and underscores, at most 100.");
            else if (context.Catalog().Teams.Any(t => t.Id != context.InstanceToValidate.Id && t.CodeName == code)) context.AddFailure($"Another team already has the code name '{code}'.");
        });
        RuleFor(f => f.Name).NotEmpty().WithMessage("A team needs a name.").MaximumLength(100).WithMessage("A team name has at most 100 characters.");
        RuleFor(f => f.DefaultSiteId).Must((form, siteId, context) => siteId is null || context.Catalog().SiteById.ContainsKey(siteId.Value))
            .WithMessage("The default site does not exist.");
        RuleFor(f => f.MemberIds).Custom((ids, context) => MustBeReps(ids, context));
    }

    internal static void MustBeReps<T>(IEnumerable<int> ids, ValidationContext<T> context)
    {
        var catalog = context.Catalog();
        foreach (var id in ids.Where(id => !catalog.RepById.ContainsKey(id))) context.AddFailure($"There is no representative with id {id}.");
    }
}

public sealed class RepresentativeFormValidator : AbstractValidator<RepresentativeForm>
{
    public RepresentativeFormValidator()
    {
        // Usernames need not be unique (appliances allow it; rep_username then asks for rep:ID).
        RuleFor(f => f.Username).NotEmpty().WithMessage("A representative needs a username.").MaximumLength(100).WithMessage("A username has at most 100 characters.")
            .Must(u => !u.Contains(':', StringComparison.Ordinal)).WithMessage("A username cannot contain ':' (it would break rep_username:NAME).");
        RuleFor(f => f.PublicDisplayName).NotEmpty().WithMessage("Customers see the public display name; it cannot be empty.").MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.PrivateDisplayName).NotEmpty().WithMessage("Colleagues see the private display name; it cannot be empty.").MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.PortalUserName).MaximumLength(256).WithMessage("A sign-in name has at most 256 characters.");
        RuleFor(f => f.TeamIds).Custom((ids, context) =>
        {
            foreach (var id in ids.Where(id => !context.Catalog().TeamById.ContainsKey(id))) context.AddFailure($"There is no team with id {id}.");
        });
        RuleFor(f => f.SkillCodes).Custom((codes, context) =>
        {
            foreach (var code in codes.Where(c => !context.Catalog().SkillByCode.ContainsKey(c))) context.AddFailure($"There is no skill '{code}'.");
        });
    }
}

public sealed class EmbassyFormValidator : AbstractValidator<EmbassyForm>
{
    public EmbassyFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("An embassy needs a name.").MaximumLength(100).WithMessage("An embassy name has at most 100 characters.");
        RuleFor(f => f.MemberIds).Custom((ids, context) => TeamFormValidator.MustBeReps(ids, context));
    }
}

public sealed class IssueFormValidator : AbstractValidator<IssueForm>
{
    public IssueFormValidator()
    {
        RuleFor(f => f.CodeName).Custom((code, context) =>
        {
            if (!AdminRules.IsCodeName(code)) context.AddFailure("The code name is what issue:CODE uses: lower-case letters, digits and underscores, at most 100.");
            else if (context.Catalog().Issues.Any(i => i.Id != context.InstanceToValidate.Id && i.CodeName == code)) context.AddFailure($"Another issue already has the code name '{code}'.");
        });
        RuleFor(f => f.Description).NotEmpty().WithMessage("An issue needs a description.").MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.TeamId).Must((form, teamId, context) => context.Catalog().TeamById.TryGetValue(teamId, out var team) && team.IsEnabled)
            .WithMessage("Pick an enabled team for the issue to route to.");
    }
}

/// <summary>Skills and custom fields share their shape; the catalog list to check against differs.</summary>
public abstract class CodeNameFormValidator : AbstractValidator<CodeNameForm>
{
    protected CodeNameFormValidator(string what, Func<CatalogSnapshot, IEnumerable<(int Id, string Code)>> existing, params string[] reserved)
    {
        RuleFor(f => f.CodeName).Custom((code, context) =>
        {
            if (!AdminRules.IsCodeName(code)) context.AddFailure($"A {what} code name is what the API uses: lower-case letters, digits and underscores, at most 100.");
            else if (reserved.Contains(code)) context.AddFailure($"'{code}' is reserved by the API and cannot be a {what}.");
            else if (existing(context.Catalog()).Any(e => e.Id != context.InstanceToValidate.Id && e.Code == code)) context.AddFailure($"Another {what} already has the code name '{code}'.");
        });
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage($"A {what} needs a display name.").MaximumLength(100).WithMessage("At most 100 characters.");
    }
}

public sealed class SkillFormValidator() : CodeNameFormValidator("skill", c => c.Skills.Select(s => (s.Id, s.CodeName)));

public sealed class CustomFieldFormValidator() : CodeNameFormValidator("custom field", c => c.CustomFields.Select(f => (f.Id, f.CodeName)), "external_key");
