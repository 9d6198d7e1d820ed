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
/// so one instance serves every request. What the rules resolve on the way (queue, site, ttl, priority) they
/// note in the context, and <see cref="SessionKeyValidation.ResolveAsync"/> hands it back with the result.
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
            context.Resolving().Queue = resolution.Target;
        });

        RuleFor(r => r.ExternalKey).Custom((externalKey, context) =>
        {
            if (externalKey is { Length: > MaxFieldLength })
            {
                context.AddFailure($"external_key is {externalKey.Length} characters long; at most {MaxFieldLength} are allowed");
                return;
            }
            if (context.EffectiveSite() is not { } site) return;
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
            else context.Resolving().Priority = value;
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
            var (maximum, limitedBy) = MaximumTtl(context.Catalog(), context.EffectiveSite());
            // An omitted ttl is the longest the site allows.
            context.Resolving().TtlSeconds = maximum;
            if (ttl is null) return;
            if (!TryParseWhole(ttl, out var seconds) || seconds < 1)
                context.AddFailure($"ttl '{ttl}' is not a time to live; give a whole number of seconds from 1 to {maximum}");
            else if (seconds > maximum)
                context.AddFailure($"ttl {seconds} exceeds {limitedBy} of {maximum} seconds");
            else context.Resolving().TtlSeconds = seconds;
        });

        RuleFor(r => r.UrlHostname).Custom((hostname, context) =>
        {
            var catalog = context.Catalog();
            var site = context.EffectiveSite();
            if (hostname is null)
            {
                if (site is null)
                {
                    context.AddFailure("url_hostname was omitted and no primary public site is configured");
                    return;
                }
            }
            else if (site is null)
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
                return;
            }
            context.Resolving().Site = site;
        });
    }

    /// <summary>The property name under which a custom field's errors are reported.</summary>
    public static string CustomFieldProperty(string code) => $"{nameof(SessionKeyRequest.CustomFields)}[{code}]";

    /// <summary>The largest ttl allowed on <paramref name="site"/>, and what sets that limit.</summary>
    public static (int Seconds, string LimitedBy) MaximumTtl(CatalogSnapshot catalog, SiteInfo? site)
    {
        var global = catalog.Settings.MaxSessionKeyTimeoutSeconds;
        return site?.MaxTtlSeconds is int siteMax && siteMax < global
            ? (siteMax, $"the maximum time to live of site '{site.Name}'")
            : (global, "the maximum session key timeout");
    }

    private static bool TryParseWhole(string text, out int value) =>
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
