using BlazorKeyPortal.Data.Writing;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.Catalog;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.Administration;

/// <summary>
/// The one path of every administrative change: validate the form against the current catalog, apply it
/// through the single writer with an audit entry that records who, what, before and after, then reload
/// the catalog so the change reaches the command API and every open page at once.
/// </summary>
public sealed class AdminChanges(DatabaseWriter writer, PortalCatalog catalog)
{
    /// <summary>Validates <paramref name="form"/> and, when valid, applies it; returns the errors otherwise.</summary>
    /// <param name="actor">The signed-in administrator, e.g. <c>user:admin</c>.</param>
    /// <param name="subjectType">What kind of thing changes (<c>public_site</c>, <c>support_team</c>…).</param>
    /// <param name="apply">Runs on the writer: makes the change and returns the subject's id with its state before and after.</param>
    public async Task<AdminResult> ApplyAsync<TForm>(
        string actor,
        string subjectType,
        TForm form,
        IValidator<TForm> validator,
        Func<WriteScope, ChangeRecord> apply,
        string action = AuditActions.AdminChange,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var validation = await validator.ValidateAsync(AdminValidation.Context(form, snapshot), cancellationToken);
        if (!validation.IsValid) return AdminResult.Invalid(validation.Errors);
        return await ApplyAsync(actor, subjectType, apply, action, cancellationToken);
    }

    /// <summary>Applies a change that needs no form (enable, disable).</summary>
    public async Task<AdminResult> ApplyAsync(string actor, string subjectType, Func<WriteScope, ChangeRecord> apply,
        string action = AuditActions.AdminChange, CancellationToken cancellationToken = default)
    {
        ChangeRecord change;
        try
        {
            change = await writer.WriteAsync(scope =>
            {
                var record = apply(scope);
                scope.Db.SaveChanges();
                scope.Audit(new AuditRecord(actor, action, subjectType, record.SubjectId,
                    AuditRecord.Serialize(new { change = record.Change, before = record.Before, after = record.After })));
                return record;
            }, cancellationToken: cancellationToken);
        }
        catch (AdminRefusalException refusal)
        {
            return AdminResult.Invalid([new ValidationFailure(refusal.PropertyName, refusal.Message)]);
        }
        await catalog.InvalidateAsync(cancellationToken);
        return AdminResult.Saved(change.SubjectId);
    }
}

/// <summary>What an administrative change did: the subject, a verb, and its state before and after.</summary>
public sealed record ChangeRecord(string SubjectId, string Change, object? Before, object? After);

/// <summary>The outcome of an administrative change: saved (with the subject's id) or the reasons it was refused.</summary>
public sealed record AdminResult(string? SubjectId, IReadOnlyList<ValidationFailure> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public static AdminResult Saved(string subjectId) => new(subjectId, []);
    public static AdminResult Invalid(IReadOnlyList<ValidationFailure> errors) => new(null, errors);
}

/// <summary>
/// A rule that can only be checked inside the writer's transaction (the current rows, not the snapshot):
/// thrown by a change, it rolls that change back and reaches the administrator as a field error.
/// </summary>
public sealed class AdminRefusalException(string propertyName, string message) : Exception(message)
{
    public string PropertyName { get; } = propertyName;
}

/// <summary>Gives admin validators the catalog snapshot (for uniqueness and references).</summary>
public static class AdminValidation
{
    private const string CatalogKey = "catalog";

    public static ValidationContext<T> Context<T>(T form, CatalogSnapshot catalog, string? onlyProperty = null)
    {
        var context = onlyProperty is null
            ? new ValidationContext<T>(form)
            : ValidationContext<T>.CreateWithOptions(form, o => o.IncludeProperties(onlyProperty));
        context.RootContextData[CatalogKey] = catalog;
        return context;
    }

    /// <summary>Validates one property of a form, for a MudForm field.</summary>
    public static async Task<IEnumerable<string>> ValidatePropertyAsync<T>(this IValidator<T> validator, T form, string propertyName, CatalogSnapshot catalog) =>
        (await validator.ValidateAsync(Context(form, catalog, propertyName))).Errors.Select(e => e.ErrorMessage);

    internal static CatalogSnapshot Catalog<T>(this ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(CatalogKey, out var value) && value is CatalogSnapshot catalog
            ? catalog
            : throw new InvalidOperationException("Validate admin forms through AdminValidation.Context.");
}
