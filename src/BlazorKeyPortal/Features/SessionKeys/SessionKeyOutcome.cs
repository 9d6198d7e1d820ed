namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>The outcome of a request: a key, the reasons it was refused, or why the service could not act.</summary>
public sealed record SessionKeyOutcome(IssuedSessionKey? Key, IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors, string? ServiceError)
{
    public static SessionKeyOutcome Issued(IssuedSessionKey key) => new(key, [], null);
    public static SessionKeyOutcome Rejected(IReadOnlyList<FluentValidation.Results.ValidationFailure> errors) => new(null, errors, null);
    public static SessionKeyOutcome Unavailable(string message) => new(null, [], message);
}
