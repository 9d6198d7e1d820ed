using System.Net;
using BlazorKeyPortal.Features.Redemption;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>
/// Every sentence of the public pages, in the request's language (PublicText.resx and one file per language beside
/// it). A property per text, so a page cannot ask for a key that does not exist; a test checks that every language
/// has every key. Reads the culture of the moment, so one instance serves every request.
/// </summary>
public sealed class PublicText(IStringLocalizer<PublicText> localizer)
{
    public string LanguagePickerLabel => Get();
    public string KeyEntryHeading => Get();
    public string SessionKeyLabel => Get();
    public string SessionKeyHint => Get();
    public string CustomerNameLabel => Get();
    public string StartSessionButton => Get();
    public string LandingReadyHeading => Get();
    public string LandingUnusableHeading => Get();
    public string EnterKeyInstead => Get();
    public string StartedHeading => Get();
    public string BackToStart => Get();
    public string NotFoundHeading => Get();
    public string NotFoundMessage => Get();
    public string ErrorHeading => Get();
    public string ErrorMessage => Get();
    public string SiteClosedHeading => Get();
    public string SiteClosedMessage => Get();
    public string FormExpiredHeading => Get();
    public string FormExpiredMessage => Get();
    public string TooManyAttemptsHeading => Get();
    public string KeyAlreadyUsed => Get();
    public string KeyExpired => Get();
    public string KeyRevoked => Get();
    public string NotAKey => Get();
    public string KeyUnknown => Get();
    public string EnterSessionKey => Get();

    public string SiteFooter(string siteName) => Format(siteName);
    public string StartedStatus(string siteName) => Format(siteName);
    public string NameTooLong(int maxLength) => Format(maxLength);

    /// <summary>"Press <strong>Start session</strong> to join the queue…", with the button's name in bold.</summary>
    public MarkupString LandingInstructions =>
        new(string.Format(System.Globalization.CultureInfo.CurrentCulture, WebUtility.HtmlEncode(localizer[nameof(LandingInstructions)]),
            $"<strong>{WebUtility.HtmlEncode(StartSessionButton)}</strong>"));

    /// <summary>The refusal after too many failed attempts, with the wait in whole minutes rounded up.</summary>
    public string TooManyAttempts(TimeSpan retryAfter) =>
        localizer[nameof(TooManyAttempts), retryAfter.TotalSeconds <= 60 ? localizer["WaitOneMinute"] : localizer["WaitMinutes", (int)Math.Ceiling(retryAfter.TotalMinutes)]];

    /// <summary>
    /// The portal's own invitation wording (placeholders as in <see cref="SessionKeys.InvitationText"/>) in
    /// <paramref name="language"/>, for an email written in the language picked for it rather than the request's.
    /// </summary>
    public (string Subject, string Body) DefaultInvitation(string language)
    {
        // The UI culture flows with the async context; setting it here changes only this synchronous call's lookups.
        var requestCulture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(PublicLanguages.IsSupported(language) ? language : PublicLanguages.Default);
        try
        {
            return (localizer["InvitationSubject"], localizer["InvitationBody"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = requestCulture;
        }
    }

    /// <summary>What a key that cannot start a session tells the customer.</summary>
    public string For(RedemptionFailure failure) => failure switch
    {
        RedemptionFailure.AlreadyUsed => KeyAlreadyUsed,
        RedemptionFailure.Expired => KeyExpired,
        RedemptionFailure.Revoked => KeyRevoked,
        RedemptionFailure.NotAKey => NotAKey,
        RedemptionFailure.SiteClosed => SiteClosedMessage,
        _ => KeyUnknown,
    };

    /// <summary>
    /// The one sentence for an attempt that started no session. The validator's own messages are the command API's
    /// (English, naming parameters); the public forms can only miss the key or overfill the name, so those two are said here.
    /// </summary>
    public string Problem(RedemptionOutcome outcome, RedemptionRequest request) =>
        outcome.RetryAfter is { } wait ? TooManyAttempts(wait)
        : outcome.Failure is { } failure ? For(failure)
        : string.IsNullOrWhiteSpace(request.ShortKey) && string.IsNullOrWhiteSpace(request.AccessKey) ? EnterSessionKey
        : request.CustomerName is { Length: > RedemptionRequestValidator.MaxCustomerFieldLength } ? NameTooLong(RedemptionRequestValidator.MaxCustomerFieldLength)
        : outcome.Message;

    private string Get([System.Runtime.CompilerServices.CallerMemberName] string key = "") => localizer[key];
    private string Format(object argument, [System.Runtime.CompilerServices.CallerMemberName] string key = "") => localizer[key, argument];
}
