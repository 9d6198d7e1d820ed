using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.SessionKeys;
using FluentValidation;

namespace BlazorKeyPortal.Features.Administration.Sites;

/// <summary>Every rule of a public site, checked against the current catalog.</summary>
public sealed class SiteFormValidator : AbstractValidator<SiteForm>
{
    public SiteFormValidator(PortalHostnames portalHostnames)
    {
        RuleFor(f => f.Name).Custom((name, context) =>
        {
            if (string.IsNullOrWhiteSpace(name)) context.AddFailure("A site needs a name.");
            else if (name.Length > 100) context.AddFailure("A site name has at most 100 characters.");
            else if (context.Catalog().Sites.Any(s => s.Id != context.InstanceToValidate.Id && string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
                context.AddFailure($"Another site is already called '{name.Trim()}'.");
        });
        RuleFor(f => f.Title).NotEmpty().WithMessage("A site needs a title for its pages.")
            .MaximumLength(200).WithMessage("A title has at most 200 characters.");
        RuleFor(f => f.Color).Must(AdminRules.IsColor).WithMessage("The colour must be #RRGGBB, e.g. #1565c0.");
        RuleFor(f => f.Notice).MaximumLength(2000).WithMessage("The notice has at most 2000 characters.");
        RuleFor(f => f.MailSubjectTemplate).MaximumLength(500).WithMessage("The invitation subject has at most 500 characters.");
        RuleFor(f => f.MailBodyTemplate).MaximumLength(4000).WithMessage("The invitation body has at most 4000 characters.")
            .Must(body => string.IsNullOrWhiteSpace(body) || body.Contains("{key_url}", StringComparison.Ordinal) || body.Contains("{short_key}", StringComparison.Ordinal))
            .WithMessage("The invitation body must contain {key_url} or {short_key}, or the customer cannot start a session.");

        RuleFor(f => f.DefaultLanguage)
            .Must(code => PublicLanguages.All.Any(l => l.Code == code))
            .When(f => !string.IsNullOrEmpty(f.DefaultLanguage))
            .WithMessage(f => $"'{f.DefaultLanguage}' is not a language of the public pages ({string.Join(", ", PublicLanguages.All.Select(l => l.Code))}).");
        RuleFor(f => f.Languages).Custom((languages, context) =>
        {
            foreach (var text in languages.Where(t => !t.IsEmpty))
            {
                var language = PublicLanguages.All.FirstOrDefault(l => l.Code == text.Language);
                if (language is null)
                {
                    context.AddFailure($"'{text.Language}' is not a language of the public pages.");
                    continue;
                }
                var name = $"{language.NativeName} ({language.Code})";
                if (text.Title is { Length: > 200 }) context.AddFailure($"{name}: a title has at most 200 characters.");
                if (text.Notice is { Length: > 2000 }) context.AddFailure($"{name}: the notice has at most 2000 characters.");
                if (text.InvitationSubject is { Length: > 500 }) context.AddFailure($"{name}: the invitation subject has at most 500 characters.");
                if (text.InvitationBody is { Length: > 4000 }) context.AddFailure($"{name}: the invitation body has at most 4000 characters.");
                if (!string.IsNullOrWhiteSpace(text.InvitationBody) && !text.InvitationBody.Contains("{key_url}", StringComparison.Ordinal) && !text.InvitationBody.Contains("{short_key}", StringComparison.Ordinal))
                    context.AddFailure($"{name}: the invitation body must contain {{key_url}} or {{short_key}}, or the customer cannot start a session.");
            }
        });

        RuleFor(f => f.Hostnames).Custom((hostnames, context) =>
        {
            if (hostnames.Count == 0)
            {
                context.AddFailure("A site needs at least one hostname.");
                return;
            }
            var catalog = context.Catalog();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var hostname in hostnames.Select(h => h.Hostname.Trim().ToLowerInvariant()))
            {
                if (!AdminRules.IsHostname(hostname))
                    context.AddFailure($"'{hostname}' is not a hostname (letters, digits, dashes and dots, no port).");
                else if (!seen.Add(hostname))
                    context.AddFailure($"'{hostname}' is listed twice.");
                else if (portalHostnames.SettingOf(hostname) is { } setting)
                    context.AddFailure($"'{hostname}' is the portal's own hostname (from {setting}); a public site on it would hide the portal's pages.");
                else if (catalog.SiteByHostname.TryGetValue(hostname, out var owner) && owner.Id != context.InstanceToValidate.Id)
                    context.AddFailure($"'{hostname}' already belongs to site '{owner.Name}'; a hostname belongs to one site only.");
            }
            var primaries = hostnames.Count(h => h.IsPrimary);
            if (primaries != 1) context.AddFailure($"Mark exactly one hostname as primary ({primaries} are).");
        });

        RuleFor(f => f.IsPrimary).Custom((isPrimary, context) =>
        {
            var current = context.Catalog().Sites.FirstOrDefault(s => s.Id == context.InstanceToValidate.Id);
            if (!isPrimary && current is { IsPrimary: true })
                context.AddFailure("There must be one primary site: make another site primary instead.");
            if (isPrimary && !context.InstanceToValidate.IsEnabled)
                context.AddFailure("The primary site cannot be disabled.");
        });

        RuleFor(f => f.MaxTtlSeconds).Custom((maxTtl, context) =>
        {
            var global = context.Catalog().Settings.MaxSessionKeyTimeoutSeconds;
            if (maxTtl is < 1) context.AddFailure("A site's maximum time to live must be at least 1 second.");
            else if (maxTtl > global) context.AddFailure($"A site's maximum time to live cannot exceed the maximum session key timeout ({global} seconds).");
        });

        RuleFor(f => f.ExternalKeyPattern).Custom((pattern, context) =>
        {
            if (string.IsNullOrEmpty(pattern)) return;
            if (pattern.Length > 500) context.AddFailure("The pattern has at most 500 characters.");
            else if (AdminRules.RegexError(pattern) is { } error) context.AddFailure($"The pattern is not a valid regular expression: {error}");
        });

        RuleFor(f => f.AllowedTeamIds).Custom((teamIds, context) =>
        {
            var catalog = context.Catalog();
            foreach (var id in teamIds.Where(id => !catalog.TeamById.ContainsKey(id))) context.AddFailure($"There is no team with id {id}.");
            if (context.InstanceToValidate.RestrictToTeams && teamIds.Count == 0)
                context.AddFailure("Pick at least one team, or lift the restriction: otherwise no portal user can issue keys for this site.");
        });

        RuleFor(f => f.AllowedApiAccountIds).Custom((accountIds, context) =>
        {
            var catalog = context.Catalog();
            foreach (var id in accountIds.Where(id => catalog.ApiAccounts.All(a => a.Id != id))) context.AddFailure($"There is no API account with id {id}.");
        });
    }

    /// <summary>The preview of the invitation that the form's templates produce, with example values.</summary>
    public static (string Subject, string Body) Preview(SiteForm form, string siteUrl, DateTimeOffset now)
    {
        var site = new Catalog.SiteInfo(form.Id ?? 0, form.Name, form.IsPrimary, form.IsEnabled, form.Title, form.Color, form.Notice,
            form.MailSubjectTemplate, form.MailBodyTemplate, false, new HashSet<int>(), false, new HashSet<int>(), null, false, null, []);
        return InvitationText.Render(site, siteUrl, $"{siteUrl}/?ak=3893f3dad96e61ce73d292ef83216468", "2960564", now.AddHours(24));
    }
}
