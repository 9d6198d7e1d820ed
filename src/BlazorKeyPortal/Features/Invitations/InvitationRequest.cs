using FluentValidation;
using BlazorKeyPortal.Features.PublicSites;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>What the agent enters on the result card to send an invitation.</summary>
public sealed class InvitationRequest
{
    public string? Recipient { get; set; }

    public string Language { get; set; } = PublicLanguages.Default;
}

public sealed class InvitationRequestValidator : AbstractValidator<InvitationRequest>
{
    public InvitationRequestValidator()
    {
        RuleFor(r => r.Recipient).Custom((recipient, context) =>
        {
            if (EmailAddress.Problem(recipient) is { } problem) context.AddFailure(nameof(InvitationRequest.Recipient), problem);
        });
        RuleFor(r => r.Language).Must(PublicLanguages.IsSupported)
            .WithMessage(r => $"'{r.Language}' is not a language invitations are written in ({string.Join(", ", PublicLanguages.All.Select(l => l.Code))}).");
    }
}
