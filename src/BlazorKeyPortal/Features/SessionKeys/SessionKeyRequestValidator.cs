using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>
/// Every rule of <c>generate_session_key</c> in one place, for the command API and the Generate page alike:
/// the source document's limits, the configured catalog, and the site rules for the caller. Rules read the
/// catalog snapshot and the issuer from the validation context (see <see cref="SessionKeyValidation"/>),
/// so one instance serves every request.
/// </summary>
public sealed class SessionKeyRequestValidator : AbstractValidator<SessionKeyRequest>
{
    public const int MaxFieldLength = 1024;
    public const int MaxCustomBytes = 10 * 1024;

    public SessionKeyRequestValidator()
    {
        RuleFor(r => r.Type).Custom((type, context) =>
        {
            if (string.IsNullOrWhiteSpace(type)) context.AddFailure("type is required; the only session type is 'support'");
            else if (type != "support") context.AddFailure($"type '{type}' is not supported; the only session type is 'support'");
        });

        RuleFor(r => r.QueueId).Custom((queueId, context) =>
        {
            var resolution = QueueResolver.Resolve(queueId, context.Catalog());
            if (resolution.Error is not null) context.AddFailure(resolution.Error);
        });

        RuleFor(r => r.ExternalKey).Custom((externalKey, context) =>
        {
            if (externalKey is { Length: > MaxFieldLength })
            {
                context.AddFailure($"external_key is {externalKey.Length} characters long; at most {MaxFieldLength} are allowed");
                return;
            }
            if (EffectiveSite(context.InstanceToValidate, context.Catalog()) is not { } site) return;
            if (string.IsNullOrEmpty(externalKey))
            {
                if (site.ExternalKeyRequired) context.AddFailure($"external_key is required for keys on site '{site.Name}'");
                return;
            }
            if (site.ExternalKeyRegex is { } pattern && !Matches(pattern, externalKey))
            {
                context.AddFailure($"external_key '{externalKey}' does not have the format that site '{site.Name}' requires ({site.ExternalKeyPattern})");
            }
        });

        RuleFor(r => r.CustomFields).Custom((fields, context) =>
        {
            var catalog = context.Catalog();
            foreach (var (code, value) in fields)
            {
                var name = CustomFieldProperty(code);
                if (!catalog.CustomFieldByCode.TryGetValue(code, out var field))
                    context.AddFailure(name, $"session.custom.{code} is not a configured custom field");
                else if (!field.IsEnabled)
                    context.AddFailure(name, $"session.custom.{code} is a disabled custom field");
                else if (value.Length > MaxFieldLength)
                    context.AddFailure(name, $"session.custom.{code} is {value.Length} characters long; at most {MaxFieldLength} are allowed");
            }
            var total = fields.Values.Sum(v => Encoding.UTF8.GetByteCount(v)) + Encoding.UTF8.GetByteCount(context.InstanceToValidate.ExternalKey ?? "");
            if (total > MaxCustomBytes)
            {
                context.AddFailure($"the custom fields and external_key together are {total} bytes; at most {MaxCustomBytes} (10 KB) are allowed");
            }
        });

        RuleFor(r => r.Priority).Custom((priority, context) =>
        {
            if (priority is null) return;
            if (!TryParseWhole(priority, out var value) || value is < 1 or > 3)
                context.AddFailure($"session.priority '{priority}' is not a priority; use 1 (high), 2 (medium) or 3 (low)");
        });

        RuleFor(r => r.Skills).Custom((skills, context) =>
        {
            if (string.IsNullOrWhiteSpace(skills)) return;
            var catalog = context.Catalog();
            foreach (var code in context.InstanceToValidate.SkillCodes())
            {
                if (code.Length == 0) context.AddFailure("session.skills has an empty entry; separate skill code names by single commas");
                else if (!catalog.SkillByCode.TryGetValue(code, out var skill)) context.AddFailure($"session.skills: '{code}' is not a configured skill");
                else if (!skill.IsEnabled) context.AddFailure($"session.skills: '{code}' is a disabled skill");
            }
        });

        RuleFor(r => r.Ttl).Custom((ttl, context) =>
        {
            if (ttl is null) return;
            var catalog = context.Catalog();
            var (maximum, limitedBy) = MaximumTtl(catalog, EffectiveSite(context.InstanceToValidate, catalog));
            if (!TryParseWhole(ttl, out var seconds) || seconds < 1)
                context.AddFailure($"ttl '{ttl}' is not a time to live; give a whole number of seconds from 1 to {maximum}");
            else if (seconds > maximum)
                context.AddFailure($"ttl {seconds} exceeds {limitedBy} of {maximum} seconds");
        });

        RuleFor(r => r.UrlHostname).Custom((hostname, context) =>
        {
            var catalog = context.Catalog();
            SiteInfo? site;
            if (hostname is null)
            {
                site = catalog.PrimarySite;
                if (site is null)
                {
                    context.AddFailure("url_hostname was omitted and no primary public site is configured");
                    return;
                }
            }
            else if (!catalog.SiteByHostname.TryGetValue(hostname, out site))
            {
                context.AddFailure($"url_hostname '{hostname}' is not a hostname of any public site");
                return;
            }
            else if (!site.IsEnabled)
            {
                context.AddFailure($"url_hostname '{hostname}' belongs to site '{site.Name}', which is disabled");
                return;
            }

            var issuer = context.Issuer();
            if (!SitePolicy.MayIssue(site, issuer))
            {
                context.AddFailure(issuer.Kind == IssuerKind.ApiAccount
                    ? $"url_hostname '{hostname ?? site.PrimaryHostname}': API account '{issuer.Name}' may not issue keys for site '{site.Name}'"
                    : $"url_hostname '{hostname ?? site.PrimaryHostname}': only members of the teams allowed on site '{site.Name}' may issue keys for it");
            }
        });
    }

    /// <summary>The property name under which a custom field's errors are reported.</summary>
    public static string CustomFieldProperty(string code) => $"{nameof(SessionKeyRequest.CustomFields)}[{code}]";

    /// <summary>The site a request's key will belong to, or null when <c>url_hostname</c> names none.</summary>
    public static SiteInfo? EffectiveSite(SessionKeyRequest request, CatalogSnapshot catalog) =>
        request.UrlHostname is null ? catalog.PrimarySite
        : catalog.SiteByHostname.GetValueOrDefault(request.UrlHostname);

    /// <summary>The largest ttl allowed on <paramref name="site"/>, and what sets that limit.</summary>
    public static (int Seconds, string LimitedBy) MaximumTtl(CatalogSnapshot catalog, SiteInfo? site)
    {
        var global = catalog.Settings.MaxSessionKeyTimeoutSeconds;
        return site?.MaxTtlSeconds is int siteMax && siteMax < global
            ? (siteMax, $"the maximum time to live of site '{site.Name}'")
            : (global, "the maximum session key timeout");
    }

    internal static bool TryParseWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool Matches(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

/// <summary>Whether a site's rules let an issuer use it.</summary>
public static class SitePolicy
{
    public static bool MayIssue(SiteInfo site, KeyIssuer issuer) => issuer.Kind switch
    {
        IssuerKind.ApiAccount => !site.RestrictToApiAccounts || (issuer.ApiAccountId is int id && site.AllowedApiAccountIds.Contains(id)),
        _ => !site.RestrictToTeams || issuer.TeamIds.Overlaps(site.AllowedTeamIds),
    };
}

/// <summary>Runs the validator with the catalog snapshot and issuer it needs.</summary>
public static class SessionKeyValidation
{
    private const string CatalogKey = "catalog";
    private const string IssuerKey = "issuer";

    public static Task<ValidationResult> ValidateAsync(this IValidator<SessionKeyRequest> validator, SessionKeyRequest request,
        CatalogSnapshot catalog, KeyIssuer issuer, CancellationToken cancellationToken = default) =>
        validator.ValidateAsync(Context(request, catalog, issuer), cancellationToken);

    /// <summary>Validates only <paramref name="propertyName"/>, for a form field.</summary>
    public static Task<ValidationResult> ValidatePropertyAsync(this IValidator<SessionKeyRequest> validator, SessionKeyRequest request,
        string propertyName, CatalogSnapshot catalog, KeyIssuer issuer, CancellationToken cancellationToken = default)
    {
        var context = Context(request, catalog, issuer, propertyName);
        return validator.ValidateAsync(context, cancellationToken);
    }

    private static ValidationContext<SessionKeyRequest> Context(SessionKeyRequest request, CatalogSnapshot catalog, KeyIssuer issuer, string? onlyProperty = null)
    {
        var context = onlyProperty is null
            ? new ValidationContext<SessionKeyRequest>(request)
            : ValidationContext<SessionKeyRequest>.CreateWithOptions(request, o => o.IncludeProperties(onlyProperty));
        context.RootContextData[CatalogKey] = catalog;
        context.RootContextData[IssuerKey] = issuer;
        return context;
    }

    internal static CatalogSnapshot Catalog<T>(this ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(CatalogKey, out var value) && value is CatalogSnapshot catalog
            ? catalog
            : throw new InvalidOperationException("Validate session key requests through SessionKeyValidation.ValidateAsync.");

    internal static KeyIssuer Issuer<T>(this ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(IssuerKey, out var value) && value is KeyIssuer issuer
            ? issuer
            : throw new InvalidOperationException("Validate session key requests through SessionKeyValidation.ValidateAsync.");
}
