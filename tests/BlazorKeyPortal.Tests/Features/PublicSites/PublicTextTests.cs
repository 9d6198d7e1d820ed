using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.Redemption;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.PublicSites;

/// <summary>The public pages' texts: every language has every sentence, with the same placeholders.</summary>
public sealed partial class PublicTextTests
{
    private static readonly ResourceManager Resources = new("BlazorKeyPortal.Features.PublicSites.PublicText", typeof(PublicText).Assembly);

    public static TheoryData<string> Translations => new(PublicLanguages.All.Select(l => l.Code).Where(c => c != PublicLanguages.Default));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_english_text_is_translated_with_the_same_placeholders(string language)
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(language));

        english.Keys.Except(translated.Keys).ShouldBeEmpty($"texts missing in {language}");
        translated.Keys.Except(english.Keys).ShouldBeEmpty($"texts in {language} that English does not have");
        foreach (var (key, text) in english)
        {
            translated[key].ShouldNotBeNullOrWhiteSpace($"{key} in {language}");
            Placeholders(translated[key]).ShouldBe(Placeholders(text), $"the placeholders of {key} in {language}");
        }
    }

    [Fact]
    public void Every_text_the_pages_ask_for_exists_in_english()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var asked = typeof(PublicText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
            .Concat(typeof(PublicText).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name is not (nameof(PublicText.For) or nameof(PublicText.Problem) or nameof(PublicText.DefaultInvitation))).Select(m => m.Name))
            .Concat(["WaitOneMinute", "WaitMinutes", "InvitationSubject", "InvitationBody"]);

        asked.Except(english.Keys).ShouldBeEmpty();
    }

    [Fact]
    public void The_language_list_names_six_languages_each_in_itself()
    {
        PublicLanguages.All.Select(l => $"{l.Code}={l.NativeName}").ShouldBe(
            ["en=English", "de=Deutsch", "fr=Français", "es=Español", "nl=Nederlands", "ja=日本語"]);
    }

    [Theory]
    [InlineData("es", 90, "Ha habido demasiados intentos con claves que no funcionaron. Espere 2 minutos e inténtelo de nuevo, o pida ayuda a su contacto de soporte.")]
    [InlineData("de", 45, "Es gab zu viele Versuche mit Schlüsseln, die nicht funktioniert haben. Bitte warten Sie eine Minute und versuchen Sie es dann erneut, oder bitten Sie Ihren Support-Ansprechpartner um Hilfe.")]
    [InlineData("ja", 180, "無効なキーでの試行が多すぎます。3分ほど待ってからもう一度お試しいただくか、サポート担当者にお問い合わせください。")]
    [InlineData("en", 180, "There have been too many attempts with keys that did not work. Please wait 3 minutes and try again, or ask your support contact for help.")]
    public void The_too_many_attempts_answer_says_the_wait_in_the_customers_language(string language, int seconds, string expected)
    {
        var text = InLanguage(language, t => t.TooManyAttempts(TimeSpan.FromSeconds(seconds)));

        text.ShouldBe(expected);
    }

    [Theory]
    [InlineData(RedemptionFailure.Expired, "Esta clave de sesión ha caducado. Pida una nueva clave de sesión a su contacto de soporte.")]
    [InlineData(RedemptionFailure.AlreadyUsed, "Esta clave de sesión ya se ha utilizado. Cada clave inicia una sola sesión. Pida una nueva clave de sesión a su contacto de soporte.")]
    [InlineData(RedemptionFailure.SiteClosed, "Este sitio de soporte no acepta sesiones en este momento. Póngase en contacto con su equipo de soporte.")]
    public void A_redemption_failure_reads_in_spanish(RedemptionFailure failure, string expected)
    {
        InLanguage("es", t => t.For(failure)).ShouldBe(expected);
    }

    [Fact]
    public void A_name_too_long_and_a_missing_key_are_said_in_the_customers_language_not_with_the_apis_parameter_names()
    {
        var tooLong = RedemptionOutcome.Invalid(["customer.name is 101 characters long; at most 100 are allowed"]);
        var missing = RedemptionOutcome.Invalid(["Enter the session key your support contact gave you."]);

        InLanguage("fr", t => t.Problem(tooLong, new RedemptionRequest { ShortKey = "1234567", CustomerName = new string('x', 101) }))
            .ShouldBe("Votre nom ne peut pas dépasser 100 caractères.");
        InLanguage("nl", t => t.Problem(missing, new RedemptionRequest { ShortKey = " " }))
            .ShouldBe("Voer de sessiecode in die u van uw supportcontactpersoon hebt gekregen.");
    }

    [Fact]
    public void The_landing_instructions_put_the_buttons_name_in_bold_and_encode_the_rest()
    {
        InLanguage("ja", t => t.LandingInstructions.Value)
            .ShouldBe("<strong>セッションを開始</strong> を押すと待機列に入ります。まもなくサポート担当者が対応いたします。");
    }

    [Theory]
    [InlineData("de", "Einladung zum Remote-Support")]
    [InlineData("fr", "Invitation à une session d'assistance à distance")]
    [InlineData("es", "Invitación a una sesión de soporte remoto")]
    [InlineData("nl", "Uitnodiging voor ondersteuning op afstand")]
    [InlineData("ja", "リモートサポートのご案内")]
    public void The_default_invitation_is_written_in_the_language_picked_for_it_whatever_the_requests_language(string language, string subject)
    {
        var ((actualSubject, body), cultureAfter) = InLanguage("en", t => (t.DefaultInvitation(language), CultureInfo.CurrentUICulture.Name));

        actualSubject.ShouldBe(subject);
        foreach (var placeholder in new[] { "{key_url}", "{site_url}", "{short_key}", "{expires}" }) body.ShouldContain(placeholder);
        cultureAfter.ShouldBe("en", "the request's own language is back after the invitation was read");
    }

    [Fact]
    public void The_english_default_invitation_is_the_command_apis_default_wording()
    {
        var (subject, body) = InLanguage("de", t => t.DefaultInvitation("en"));

        subject.ShouldBe(BlazorKeyPortal.Features.SessionKeys.InvitationText.DefaultSubject);
        body.ReplaceLineEndings().ShouldBe(BlazorKeyPortal.Features.SessionKeys.InvitationText.DefaultBody.ReplaceLineEndings());
    }

    private static T InLanguage<T>(string language, Func<PublicText, T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            return read(new PublicText(new StringLocalizer<PublicText>(factory)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false).ShouldNotBeNull($"no resources for {culture.Name}")
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
