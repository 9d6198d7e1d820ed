using BlazorKeyPortal.Features.Catalog;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Runs the validator with the catalog snapshot and issuer it needs.</summary>
public static class SessionKeyValidation
{
    private const string CatalogKey = "catalog";
    private const string IssuerKey = "issuer";
    private const string ResolvingKey = "resolving";

    public static Task<ValidationResult> ValidateAsync(this IValidator<SessionKeyRequest> validator, SessionKeyRequest request,
        CatalogSnapshot catalog, KeyIssuer issuer, CancellationToken cancellationToken = default) =>
        validator.ValidateAsync(Context(request, catalog, issuer), cancellationToken);

    /// <summary>Validates every rule and, when the request is valid, returns the queue, site and ttl the rules resolved.</summary>
    public static async Task<KeyRequestValidation> ResolveAsync(this IValidator<SessionKeyRequest> validator, SessionKeyRequest request,
        CatalogSnapshot catalog, KeyIssuer issuer, CancellationToken cancellationToken = default)
    {
        var context = Context(request, catalog, issuer);
        var result = await validator.ValidateAsync(context, cancellationToken);
        return new KeyRequestValidation(result, result.IsValid ? context.Resolving().ToResolved(request) : null);
    }

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
        context.RootContextData[ResolvingKey] = new KeyRequestResolving();
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

    internal static KeyRequestResolving Resolving<T>(this ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(ResolvingKey, out var value) && value is KeyRequestResolving resolving
            ? resolving
            : throw new InvalidOperationException("Validate session key requests through SessionKeyValidation.ValidateAsync.");

    /// <summary>The site the request's key will belong to, or null when <c>url_hostname</c> names none.</summary>
    internal static SiteInfo? EffectiveSite(this ValidationContext<SessionKeyRequest> context) =>
        context.Resolving().EffectiveSite(context.InstanceToValidate, context.Catalog());
}
