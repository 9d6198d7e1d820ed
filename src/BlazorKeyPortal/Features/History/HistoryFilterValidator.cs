using System.Text.RegularExpressions;
using FluentValidation;

namespace BlazorKeyPortal.Features.History;

/// <summary>The rules of a history filter, for the page's filter bar and the CSV export alike.</summary>
public sealed partial class HistoryFilterValidator : AbstractValidator<HistoryFilter>
{
    public HistoryFilterValidator()
    {
        RuleFor(f => f.IssuedTo)
            .GreaterThanOrEqualTo(f => f.IssuedFrom!.Value.Date)
            .When(f => f.IssuedFrom is not null && f.IssuedTo is not null)
            .WithMessage("The last day of issue must not be before the first.");
        RuleFor(f => f.Issuer)
            .MaximumLength(300)
            .Must(issuer => !issuer!.EndsWith(':'))
            .When(f => !string.IsNullOrEmpty(f.Issuer))
            .WithMessage("Name the issuer after 'user:' or 'api:'.");
        RuleFor(f => f.Queue)
            .Matches(QueuePattern())
            .When(f => !string.IsNullOrEmpty(f.Queue))
            .WithMessage("A queue is general, rep:ID, team:ID or embassy:ID.");
        RuleFor(f => f.TeamId).GreaterThan(0).When(f => f.TeamId is not null);
        RuleFor(f => f.SiteId).GreaterThan(0).When(f => f.SiteId is not null);
        RuleFor(f => f.State).IsInEnum().When(f => f.State is not null);
        RuleFor(f => f.ExternalKey)
            .MaximumLength(1024)
            .WithMessage("An external key has at most 1024 characters.");
        RuleFor(f => f.ShortKey)
            .Matches(ShortKeyPattern())
            .When(f => !string.IsNullOrEmpty(f.ShortKey))
            .WithMessage("A short key is seven digits or letters.");
    }

    [GeneratedRegex("^(general|(rep|team|embassy):[0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex QueuePattern();

    [GeneratedRegex("^[0-9A-Za-z]{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortKeyPattern();
}
