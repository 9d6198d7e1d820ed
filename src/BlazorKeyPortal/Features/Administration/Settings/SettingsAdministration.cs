using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using FluentValidation;

namespace BlazorKeyPortal.Features.Administration.Settings;

public sealed class SettingsForm
{
    /// <summary>The longest ttl a key may have, and the ttl of keys that give none.</summary>
    public int MaxSessionKeyTimeoutSeconds { get; set; } = PortalSettings.DefaultMaxSessionKeyTimeoutSeconds;
    public ShortKeyAlphabet ShortKeyAlphabet { get; set; }

    /// <summary>A form holding the settings as they are now.</summary>
    public static SettingsForm From(SettingsInfo settings) => new()
    {
        MaxSessionKeyTimeoutSeconds = settings.MaxSessionKeyTimeoutSeconds, ShortKeyAlphabet = settings.ShortKeyAlphabet,
    };
}

public sealed class SettingsFormValidator : AbstractValidator<SettingsForm>
{
    /// <summary>A week: a key is a one-time invitation, not a standing credential.</summary>
    public const int LongestTimeoutSeconds = 7 * 24 * 60 * 60;

    public SettingsFormValidator()
    {
        RuleFor(f => f.MaxSessionKeyTimeoutSeconds).InclusiveBetween(60, LongestTimeoutSeconds)
            .WithMessage($"The maximum session key timeout must be between 60 seconds and {LongestTimeoutSeconds} seconds (7 days).");
        RuleFor(f => f.MaxSessionKeyTimeoutSeconds).Custom((seconds, context) =>
        {
            foreach (var site in context.Catalog().Sites.Where(s => s.MaxTtlSeconds > seconds))
                context.AddFailure($"Site '{site.Name}' allows keys of {site.MaxTtlSeconds} seconds; lower its maximum first.");
        });
        RuleFor(f => f.ShortKeyAlphabet).IsInEnum().WithMessage("Pick digits, or digits and letters.");
    }
}

/// <summary>The global settings: maximum session key timeout and the short-key alphabet.</summary>
public sealed class SettingsAdministration(AdminChanges changes, SettingsFormValidator validator)
{
    public Task<AdminResult> SaveAsync(string actor, SettingsForm form, CancellationToken cancellationToken = default) =>
        changes.ApplyAsync(actor, "settings", form, validator, scope =>
        {
            var settings = scope.Db.Settings.Single(s => s.Id == PortalSettings.SingletonId);
            var before = new { settings.MaxSessionKeyTimeoutSeconds, ShortKeyAlphabet = settings.ShortKeyAlphabet.ToString() };
            settings.MaxSessionKeyTimeoutSeconds = form.MaxSessionKeyTimeoutSeconds;
            settings.ShortKeyAlphabet = form.ShortKeyAlphabet;
            return new ChangeRecord("1", "updated", before, new { settings.MaxSessionKeyTimeoutSeconds, ShortKeyAlphabet = settings.ShortKeyAlphabet.ToString() });
        }, cancellationToken: cancellationToken);
}
