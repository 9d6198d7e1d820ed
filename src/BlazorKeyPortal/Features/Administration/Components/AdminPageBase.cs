using System.Data.Common;
using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BlazorKeyPortal.Features.Administration.Components;

/// <summary>
/// What every admin page shares: the current catalog, refreshed whenever anyone changes something, the signed-in
/// administrator as the audit actor, dialogs and the outcome of a change as a message.
/// </summary>
public abstract class AdminPageBase : ComponentBase, IDisposable
{
    private CatalogSnapshot? _catalog;

    [Inject] private PortalCatalog PortalCatalog { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IOptions<KeyAuthorityOptions> KeyAuthority { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>True once the catalog has been read; <see cref="Catalog"/> may be used from then on.</summary>
    protected bool Loaded => _catalog is not null;

    /// <summary>The catalog as it is now; the page renders again when it changes.</summary>
    protected CatalogSnapshot Catalog => _catalog ?? throw new InvalidOperationException("The catalog has not been read yet.");

    /// <summary>In appliance mode sites and routing come from the appliance and configuration, not from these pages.</summary>
    protected bool FromAppliance => KeyAuthority.Value.IsAppliance;

    /// <summary>
    /// The notice of a page whose things come from the appliance or its configuration in appliance mode
    /// (<paramref name="what"/>, e.g. "Support teams"), or null when the portal keeps them itself.
    /// </summary>
    protected string? ApplianceNotice(string what) => FromAppliance
        ? $"The portal fronts a BeyondTrust appliance (KeyAuthority:Mode is Appliance): {what} come from the appliance and its configuration, and are shown here read-only."
        : null;

    protected override async Task OnInitializedAsync()
    {
        PortalCatalog.Changed += OnCatalogChanged;
        _catalog = await PortalCatalog.GetAsync();
    }

    /// <summary>The signed-in administrator as the audit trail names them (<c>user:NAME</c>).</summary>
    protected async Task<string> ActorAsync() => AdminActor.Of((await Authentication.GetAuthenticationStateAsync()).User);

    /// <summary>Shows an edit dialog; when it saved, says so with <paramref name="done"/> (read after the dialog closed).</summary>
    protected async Task<bool> EditAsync<TDialog>(string title, DialogParameters<TDialog> parameters, Func<string> done) where TDialog : IComponent
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(done(), Severity.Success);
            return true;
        }
        return false;
    }

    /// <summary>Runs a change that needs no form (enable, disable) and reports how it went; true when applied.</summary>
    protected async Task<bool> ApplyAsync(Func<string, Task<AdminResult>> change, string done)
    {
        AdminResult result;
        try
        {
            result = await change(await ActorAsync());
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            Snackbar.Add($"The database did not take the change, nothing was saved: {ex.Message}", Severity.Error);
            return false;
        }
        if (result.Succeeded)
        {
            Snackbar.Add(done, Severity.Success);
            return true;
        }
        Snackbar.Add(string.Join(' ', result.Errors.Select(e => e.ErrorMessage)), Severity.Error);
        return false;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            PortalCatalog.Changed -= OnCatalogChanged;
        }
    }

    // Raised on whichever thread saved the change; the circuit renders on its own.
    private void OnCatalogChanged(CatalogSnapshot next) => _ = InvokeAsync(() =>
    {
        _catalog = next;
        StateHasChanged();
    });
}
