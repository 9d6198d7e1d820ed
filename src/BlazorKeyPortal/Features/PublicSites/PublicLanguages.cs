using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace BlazorKeyPortal.Features.PublicSites;

/// <summary>A language the public pages speak: its culture name (the <c>lang</c> value) and its own name for itself.</summary>
public sealed record PublicLanguage(string Code, string NativeName);

/// <summary>
/// The languages of the public pages and how a request gets one: <c>?lang=</c> (the picker's links), then the
/// cookie that a pick leaves, then <c>Accept-Language</c> (q-values honoured, <c>de-CH</c> served as <c>de</c>), then the
/// site's own default language, else English. Only public sites' hostnames are localized; the portal stays English
/// (ADR-016).
/// </summary>
public static class PublicLanguages
{
    public const string Default = "en";
    public const string QueryKey = "lang";
    /// <summary>Set on the public site's own hostname only, so a pick there does not follow the customer elsewhere.</summary>
    public const string CookieName = ".BlazorKeyPortal.Language";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>Every language, in the order the picker lists them.</summary>
    public static IReadOnlyList<PublicLanguage> All { get; } =
    [
        new("en", "English"),
        new("de", "Deutsch"),
        new("fr", "Français"),
        new("es", "Español"),
        new("nl", "Nederlands"),
        new("ja", "日本語"),
    ];

    /// <summary>The language's name for itself (<c>de</c> → Deutsch), or the code when the pages do not speak it.</summary>
    public static string NativeNameOf(string code) => All.FirstOrDefault(l => l.Code == code)?.NativeName ?? code;

    public static bool IsSupported(string? code) => All.Any(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The supported language that <paramref name="culture"/> is or belongs to (<c>de-CH</c> → <c>de</c>), or null.</summary>
    public static string? Of(CultureInfo culture)
    {
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (All.FirstOrDefault(l => string.Equals(l.Code, c.Name, StringComparison.OrdinalIgnoreCase)) is { } language) return language.Code;
        }
        return null;
    }

    /// <summary>The language of the page being rendered (set by <see cref="UsePublicSiteLanguages"/>).</summary>
    public static string Current => Of(CultureInfo.CurrentUICulture) ?? Default;

    /// <summary>The choice as ASP.NET Core's localization middleware makes it, with the public pages' providers only.</summary>
    public static RequestLocalizationOptions LocalizationOptions()
    {
        var cultures = All.Select(l => new CultureInfo(l.Code)).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            ApplyCurrentCultureToResponseHeaders = true,
            RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider { CookieName = CookieName },
                // Browsers send a handful of languages; the default of three would drop a supported fourth choice.
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 8 },
                // Reached only when the browser asks for none of the pages' languages.
                new CustomRequestCultureProvider(http => Task.FromResult(
                    http.Features.Get<PublicSiteRequest>()?.Site?.DefaultLanguage is { } site ? new ProviderCultureResult(site) : null)),
            ],
        };
    }

    /// <summary>
    /// Sets the culture of every request on a public site's hostname (pages, status-code pages and the 429 answer
    /// alike) and keeps a language picked with <c>?lang=</c> in a cookie. Must come before the status-code pages.
    /// </summary>
    public static IApplicationBuilder UsePublicSiteLanguages(this IApplicationBuilder app)
    {
        var resolver = app.ApplicationServices.GetRequiredService<PublicSiteResolver>();
        app.Use(async (http, next) =>
        {
            await resolver.ResolveAsync(http);
            await next(http);
        });
        return app.UseWhen(http => http.Features.Get<PublicSiteRequest>() is { Site: not null }, site => site
            .UseRequestLocalization(LocalizationOptions())
            .Use((http, next) =>
            {
                if (http.Features.Get<IRequestCultureFeature>() is { Provider: QueryStringRequestCultureProvider } picked) Remember(http, picked.RequestCulture);
                return next(http);
            }));
    }

    private static void Remember(HttpContext http, RequestCulture culture) =>
        http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(culture), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = CookieLifetime,
            IsEssential = true,
        });
}
