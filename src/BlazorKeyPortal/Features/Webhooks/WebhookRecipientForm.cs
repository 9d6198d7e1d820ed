using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration;
using FluentValidation;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>A recipient as the administrator edits it.</summary>
public sealed class WebhookRecipientForm
{
    /// <summary>Null for a new recipient.</summary>
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>A secret the receiver already has; empty to have the portal generate one (new) or keep the current one (edit).</summary>
    public string Secret { get; set; } = "";
    public HashSet<string> Events { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Only keys issued for this site; null for every site.</summary>
    public int? SiteId { get; set; }

    public static WebhookRecipientForm From(WebhookRecipient recipient) => new()
    {
        Id = recipient.Id,
        Name = recipient.Name,
        Url = recipient.Url,
        Events = WebhookEvents.Parse(recipient.Events).ToHashSet(StringComparer.Ordinal),
        SiteId = recipient.SiteId,
    };
}

/// <summary>The rules of a recipient, for the page and for the service that saves it.</summary>
public sealed class WebhookRecipientFormValidator : AbstractValidator<WebhookRecipientForm>
{
    public const string UrlMessage = "Enter the receiver's absolute URL, starting with http:// or https://.";
    public const string EventsMessage = "Pick at least one event.";

    public WebhookRecipientFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("A recipient needs a name.")
            .MaximumLength(100).WithMessage("A name has at most 100 characters.");
        // Private addresses are allowed on purpose: the receivers of an intranet portal are on the intranet.
        RuleFor(f => f.Url).Must(IsHttpUrl).WithMessage(UrlMessage)
            .MaximumLength(2000).WithMessage("A URL has at most 2000 characters.");
        RuleFor(f => f.Secret).Must(s => string.IsNullOrEmpty(s) || s.Trim().Length is >= WebhookSecrets.MinimumLength and <= WebhookSecrets.MaximumLength)
            .WithMessage($"A secret has {WebhookSecrets.MinimumLength} to {WebhookSecrets.MaximumLength} characters; leave it empty and the portal generates one.");
        RuleFor(f => f.Events).Must(e => e.Count > 0).WithMessage(EventsMessage);
        RuleForEach(f => f.Events).Must(e => WebhookEvents.All.Contains(e)).WithMessage((_, e) => $"'{e}' is not an event the portal sends.");
        RuleFor(f => f.SiteId).Custom((siteId, context) =>
        {
            if (siteId is int id && !context.Catalog().SiteById.ContainsKey(id)) context.AddFailure("That public site no longer exists.");
        });
    }

    /// <summary>An absolute http or https URL with a host; nothing else can receive a POST.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
