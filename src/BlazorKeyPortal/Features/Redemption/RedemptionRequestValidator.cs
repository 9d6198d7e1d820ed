using System.Text;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using FluentValidation;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// The rules of a redemption request, for the public forms and <c>/api/start_session</c> alike: a key is named,
/// customer fields fit BeyondTrust's 100 characters, custom fields are configured and enabled and keep to the
/// limits of <c>generate_session_key</c>. Whether the key exists is not a rule here: that is the attempt itself.
/// </summary>
public sealed class RedemptionRequestValidator : AbstractValidator<RedemptionRequest>
{
    public const int MaxCustomerFieldLength = 100;

    public RedemptionRequestValidator(PortalCatalog catalog)
    {
        RuleFor(r => r.ShortKey).Custom((shortKey, context) =>
        {
            var request = context.InstanceToValidate;
            var hasShortKey = !string.IsNullOrWhiteSpace(shortKey);
            var hasAccessKey = !string.IsNullOrWhiteSpace(request.AccessKey);
            if (!hasShortKey && !hasAccessKey) context.AddFailure("Enter the session key your support contact gave you.");
            else if (hasShortKey && hasAccessKey) context.AddFailure("Give either a session key or a key link, not both.");
        });

        CustomerField(r => r.CustomerName, StartSessionParameters.CustomerName);
        CustomerField(r => r.CustomerCompany, StartSessionParameters.CustomerCompany);
        CustomerField(r => r.CustomerCompanyCode, StartSessionParameters.CustomerCompanyCode);

        RuleFor(r => r.ExternalKey).Custom((externalKey, context) =>
        {
            if (externalKey is { Length: > SessionKeyRequestValidator.MaxFieldLength })
            {
                context.AddFailure($"session.custom.external_key is {externalKey.Length} characters long; at most {SessionKeyRequestValidator.MaxFieldLength} are allowed");
            }
        });

        RuleFor(r => r.CustomFields).CustomAsync(async (fields, context, cancellationToken) =>
        {
            if (fields.Count == 0) return;
            var snapshot = await catalog.GetAsync(cancellationToken);
            foreach (var (code, value) in fields)
            {
                if (!snapshot.CustomFieldByCode.TryGetValue(code, out var field))
                    context.AddFailure($"session.custom.{code} is not a configured custom field");
                else if (!field.IsEnabled)
                    context.AddFailure($"session.custom.{code} is a disabled custom field");
                else if (value.Length > SessionKeyRequestValidator.MaxFieldLength)
                    context.AddFailure($"session.custom.{code} is {value.Length} characters long; at most {SessionKeyRequestValidator.MaxFieldLength} are allowed");
            }
            var total = fields.Values.Sum(v => Encoding.UTF8.GetByteCount(v)) + Encoding.UTF8.GetByteCount(context.InstanceToValidate.ExternalKey ?? "");
            if (total > SessionKeyRequestValidator.MaxCustomBytes)
            {
                context.AddFailure($"the custom fields and external_key together are {total} bytes; at most {SessionKeyRequestValidator.MaxCustomBytes} (10 KB) are allowed");
            }
        });
    }

    private void CustomerField(System.Linq.Expressions.Expression<Func<RedemptionRequest, string?>> property, string parameter) =>
        RuleFor(property).Custom((value, context) =>
        {
            if (value is { Length: > MaxCustomerFieldLength })
            {
                context.AddFailure($"{parameter} is {value.Length} characters long; at most {MaxCustomerFieldLength} are allowed");
            }
        });
}
