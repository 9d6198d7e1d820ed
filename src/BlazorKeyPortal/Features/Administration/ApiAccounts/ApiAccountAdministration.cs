using System.Net;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.DemoData;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.Administration.ApiAccounts;

public sealed class ApiAccountForm
{
    /// <summary>Null for a new account.</summary>
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The OAuth2 client id; fixed once created.</summary>
    public string ClientId { get; set; } = "";
    public CommandPermission CommandPermission { get; set; } = CommandPermission.ReadOnly;
    /// <summary>CIDR prefixes, one per line; empty allows any address.</summary>
    public string AllowedNetworks { get; set; } = "";
    public bool IsEnabled { get; set; } = true;

    /// <summary>A form holding <paramref name="account"/> as it is now.</summary>
    public static ApiAccountForm From(ApiAccountInfo account) => new()
    {
        Id = account.Id, Name = account.Name, ClientId = account.ClientId, CommandPermission = account.Permission,
        AllowedNetworks = string.Join('\n', account.AllowedNetworks), IsEnabled = account.IsEnabled,
    };
}

public sealed class ApiAccountFormValidator : AbstractValidator<ApiAccountForm>
{
    public ApiAccountFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("An API account needs a name.").MaximumLength(100).WithMessage("A name has at most 100 characters.");
        RuleFor(f => f.ClientId).Custom((clientId, context) =>
        {
            var form = context.InstanceToValidate;
            var catalog = context.Catalog();
            if (form.Id is int id)
            {
                if (catalog.ApiAccounts.FirstOrDefault(a => a.Id == id) is { } existing && existing.ClientId != clientId)
                    context.AddFailure("The client id of an existing account cannot change; create a new account instead.");
                return;
            }
            if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > 100 || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                context.AddFailure("A client id has 1 to 100 letters, digits, dashes, dots or underscores.");
            else if (catalog.ApiAccountByClientId.ContainsKey(clientId))
                context.AddFailure($"An API account with the client id '{clientId}' already exists.");
        });
        RuleFor(f => f.CommandPermission).IsInEnum().WithMessage("Pick deny, read only or full access.");
        RuleFor(f => f.AllowedNetworks).Custom((text, context) =>
        {
            foreach (var entry in Entries(text))
            {
                if (!IPNetwork.TryParse(entry, out _))
                    context.AddFailure($"'{entry}' is not a network in CIDR notation (for example 10.20.0.0/16 or 2001:db8::/32).");
            }
        });
    }

    internal static IEnumerable<string> Entries(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// API accounts: the secret is shown once at creation or regeneration and stored only as a hash; disabling
/// an account or regenerating its secret makes every token it holds fail at once. Every change is audited.
/// </summary>
public sealed class ApiAccountAdministration(
    AdminChanges changes,
    ApiAccountFormValidator validator,
    ApiAccountProvisioner provisioner,
    ApiTokenLimit tokens,
    PortalCatalog catalog,
    DemoApiAccounts demoApiAccounts)
{
    public const string SubjectType = AuditSubjects.ApiAccount;

    /// <summary>Creates the account and returns its secret (to show once), or the form's errors.</summary>
    public async Task<(AdminResult Result, string? Secret)> CreateAsync(string actor, ApiAccountForm form, CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var validation = await validator.ValidateAsync(AdminValidation.Context(form, snapshot), cancellationToken);
        if (!validation.IsValid) return (AdminResult.Invalid(validation.Errors), null);

        var networks = string.Join('\n', ApiAccountFormValidator.Entries(form.AllowedNetworks));
        var secret = await provisioner.CreateAsync(actor, form.Name.Trim(), form.ClientId, form.CommandPermission, networks, cancellationToken: cancellationToken);
        return (AdminResult.Saved(form.ClientId), secret);
    }

    /// <summary>Changes name, permission, networks or state; disabling revokes every live token.</summary>
    public async Task<AdminResult> UpdateAsync(string actor, ApiAccountForm form, CancellationToken cancellationToken = default)
    {
        if (await RefuseEnablingPublishedSecretAsync(form, cancellationToken) is { } refusal) return refusal;
        var result = await changes.ApplyAsync(actor, SubjectType, form, validator, scope =>
        {
            var account = scope.Db.ApiAccounts.Single(a => a.Id == form.Id);
            var before = Describe(account);
            account.Name = form.Name.Trim();
            account.CommandPermission = form.CommandPermission;
            account.AllowedNetworks = string.Join('\n', ApiAccountFormValidator.Entries(form.AllowedNetworks));
            account.IsEnabled = form.IsEnabled;
            return new ChangeRecord(account.ClientId, "updated", before, Describe(account));
        }, AuditActions.ApiAccountChange, cancellationToken);
        if (result.Succeeded && !form.IsEnabled)
        {
            await tokens.RevokeAllAsync(form.ClientId, cancellationToken);
        }
        return result;
    }

    /// <summary>A new secret (returned once); the old one and every token stop working at once.</summary>
    public Task<string> RegenerateSecretAsync(string actor, string clientId, CancellationToken cancellationToken = default) =>
        provisioner.RegenerateSecretAsync(actor, clientId, cancellationToken);

    /// <summary>The account's live tokens with their age, newest first.</summary>
    public Task<IReadOnlyList<(string Id, DateTime CreatedUtc, DateTime ExpiresUtc)>> LiveTokensAsync(string clientId, CancellationToken cancellationToken = default) =>
        tokens.LiveTokensAsync(clientId, cancellationToken);

    /// <summary>
    /// The demo accounts' secrets are published in the README: enabling such an account would hand anyone who read it
    /// a working API account. Outside Development the portal does not even start while one exists.
    /// </summary>
    private async Task<AdminResult?> RefuseEnablingPublishedSecretAsync(ApiAccountForm form, CancellationToken cancellationToken)
    {
        if (!form.IsEnabled || form.Id is not int id) return null;
        var snapshot = await catalog.GetAsync(cancellationToken);
        if (snapshot.ApiAccounts.FirstOrDefault(a => a.Id == id) is not { IsEnabled: false } account) return null;

        string? message = null;
        if (DemoApiAccounts.IsDemoClientId(account.ClientId))
            message = $"{account.ClientId} is a demo API account whose secret is published; it cannot be enabled. Create a new account instead.";
        else if (await demoApiAccounts.HasDemoSecretAsync(account.ClientId, cancellationToken))
            message = $"The secret of {account.ClientId} is one of the published demo secrets; regenerate the secret before enabling the account.";
        return message is null ? null : AdminResult.Invalid([new ValidationFailure(nameof(ApiAccountForm.IsEnabled), message)]);
    }

    private static object Describe(ApiAccount account) => new
    {
        account.Name, account.ClientId, Permission = account.CommandPermission.ToString(), account.AllowedNetworks, account.IsEnabled,
    };
}
