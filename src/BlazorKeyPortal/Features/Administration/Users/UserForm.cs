using System.ComponentModel.DataAnnotations;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Features.Users;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.Administration.Users;

/// <summary>A built-in provider's user on the Users page: new (name, roles, email, representative) or edited (roles, representative).</summary>
public sealed class UserForm
{
    public bool IsNew { get; init; } = true;
    public string UserName { get; set; } = "";
    public HashSet<string> Roles { get; set; } = new(StringComparer.Ordinal) { PortalRoles.Agent };
    public string? Email { get; set; }
    /// <summary>The representative the user acts as; null for none.</summary>
    public int? RepresentativeId { get; set; }

    public static UserForm From(UserSummary user) => new()
    {
        IsNew = false, UserName = user.UserName, Roles = new(user.Roles, StringComparer.Ordinal), Email = user.Email, RepresentativeId = user.RepresentativeId,
    };
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator()
    {
        RuleFor(f => f.UserName).NotEmpty().WithMessage("A user needs a name.").MaximumLength(256).WithMessage("A user name has at most 256 characters.");
        RuleFor(f => f.Roles).Must(r => r.Any(PortalRoles.All.Contains)).WithMessage("Pick at least one role.");
        RuleFor(f => f.Email).Must(e => string.IsNullOrWhiteSpace(e) || new EmailAddressAttribute().IsValid(e)).WithMessage("That is not an email address.");
        RuleFor(f => f.RepresentativeId).Custom((id, context) =>
        {
            if (id is not int repId) return;
            var rep = context.Catalog().Reps.FirstOrDefault(r => r.Id == repId);
            if (rep is null) context.AddFailure($"There is no representative {repId}.");
            else if (rep.PortalUserName is { } other && !string.Equals(other, context.InstanceToValidate.UserName.Trim(), StringComparison.OrdinalIgnoreCase))
                context.AddFailure($"Representative {repId} already acts for the user '{other}'.");
        });
    }
}

/// <summary>The Users page's changes: the shared <see cref="UserAccounts"/> rules, answered as admin results, audited under the administrator.</summary>
public sealed class UserAdministration(UserAccounts accounts, UserFormValidator validator, PortalCatalog catalog)
{
    /// <summary>Creates the user with a one-time password (returned, to hand over once), or the form's errors.</summary>
    public async Task<(AdminResult Result, string? OneTimePassword)> CreateAsync(string actor, UserForm form, CancellationToken cancellationToken = default)
    {
        if (await InvalidAsync(form, cancellationToken) is { } invalid) return (invalid, null);
        var result = await accounts.CreateAsync(actor, form.UserName, form.Roles, form.Email, form.RepresentativeId, cancellationToken: cancellationToken);
        return (Of(result, form.UserName.Trim(), nameof(UserForm.UserName)), result.OneTimePassword);
    }

    /// <summary>Saves roles and representative of an existing user.</summary>
    public async Task<AdminResult> UpdateAsync(string actor, UserForm form, UserSummary before, CancellationToken cancellationToken = default)
    {
        if (await InvalidAsync(form, cancellationToken) is { } invalid) return invalid;
        if (!form.Roles.SetEquals(before.Roles))
        {
            var roles = await accounts.SetRolesAsync(actor, form.UserName, form.Roles, cancellationToken);
            if (!roles.Succeeded) return Of(roles, form.UserName, nameof(UserForm.Roles));
        }
        if (form.RepresentativeId != before.RepresentativeId)
        {
            var rep = await accounts.SetRepresentativeAsync(actor, form.UserName, form.RepresentativeId, cancellationToken);
            if (!rep.Succeeded) return Of(rep, form.UserName, nameof(UserForm.RepresentativeId));
        }
        return AdminResult.Saved(form.UserName);
    }

    internal static AdminResult Of(UserChangeResult result, string userName, string property = "") =>
        result.Succeeded ? AdminResult.Saved(userName) : AdminResult.Invalid([new ValidationFailure(property, result.Sentence)]);

    private async Task<AdminResult?> InvalidAsync(UserForm form, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(AdminValidation.Context(form, await catalog.GetAsync(cancellationToken)), cancellationToken);
        return validation.IsValid ? null : AdminResult.Invalid(validation.Errors);
    }
}
