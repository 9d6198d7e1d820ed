using BlazorKeyPortal.Features.Catalog;
using FluentValidation;
using FluentValidation.Results;

namespace BlazorKeyPortal.Features.Administration.Components;

/// <summary>
/// Field-by-field validation of one admin form with that form's own validator against the current catalog, so
/// every message appears next to its field: <see cref="Field"/> serves the MudForm's bound inputs (those with
/// <c>For</c>), <see cref="ErrorsOf"/> the lists and multi-selects a MudForm cannot bind, and a refused save's
/// errors are shown beside the fields they name.
/// </summary>
/// <param name="unboundProperties">The form's properties edited by widgets without <c>For</c>.</param>
public sealed class AdminFormValidation<TForm>(IValidator<TForm> validator, PortalCatalog catalog, params IEnumerable<string> unboundProperties)
{
    private readonly string[] _unboundProperties = [.. unboundProperties];
    private readonly Dictionary<string, IReadOnlyList<string>> _unbound = new(StringComparer.Ordinal);
    private ILookup<string, string> _refusedByProperty = Enumerable.Empty<string>().ToLookup(e => e);

    /// <summary>What the last refused save reported, for the dialog's summary.</summary>
    public IReadOnlyList<string> Refused { get; private set; } = [];

    /// <summary>The MudForm <c>Validation</c> function: the messages for one property of the form.</summary>
    public Func<object, string, Task<IEnumerable<string>>> Field => async (model, property) => await MessagesAsync((TForm)model, property);

    /// <summary>The current messages of a property that no bound input shows.</summary>
    public IReadOnlyList<string> ErrorsOf(string property) => _unbound.GetValueOrDefault(property) ?? [];

    /// <summary>Validates one unbound property again, after its widget changed.</summary>
    public async Task CheckAsync(TForm form, string property) => _unbound[property] = await MessagesAsync(form, property);

    /// <summary>
    /// Takes the errors of a refused save so that the next validation pass shows each beside its field; once
    /// that pass has run (<see cref="ShownAsync"/>), fields show only their own rules again as they change.
    /// </summary>
    public void Refuse(IEnumerable<ValidationFailure> errors)
    {
        var list = errors.ToList();
        Refused = list.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToList();
        _refusedByProperty = list.ToLookup(e => e.PropertyName, e => e.ErrorMessage, StringComparer.Ordinal);
    }

    /// <summary>Re-checks every unbound property (with a refusal's messages) and forgets the refusal's per-field part.</summary>
    public async Task ShownAsync(TForm form, Func<Task> validateBoundFields)
    {
        foreach (var property in _unboundProperties)
        {
            await CheckAsync(form, property);
        }
        await validateBoundFields();
        _refusedByProperty = Enumerable.Empty<string>().ToLookup(e => e);
    }

    /// <summary>Clears the summary of a refused save when the administrator tries again.</summary>
    public void ClearRefused() => Refused = [];

    private async Task<IReadOnlyList<string>> MessagesAsync(TForm form, string property)
    {
        var own = await validator.ValidatePropertyAsync(form, property, await catalog.GetAsync());
        return own.Concat(_refusedByProperty[property]).Distinct(StringComparer.Ordinal).ToList();
    }
}
