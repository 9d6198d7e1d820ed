using FluentValidation;

namespace BlazorKeyPortal.Features.History;

/// <summary>The revoke form: why the key must stop working.</summary>
public sealed class RevokeRequest
{
    public const int MaxReasonLength = 500;

    public string? Reason { get; set; }
}

public sealed class RevokeRequestValidator : AbstractValidator<RevokeRequest>
{
    public RevokeRequestValidator()
    {
        RuleFor(r => r.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("Give a reason for revoking the key.")
            .MaximumLength(RevokeRequest.MaxReasonLength).WithMessage($"A reason has at most {RevokeRequest.MaxReasonLength} characters.");
    }
}
