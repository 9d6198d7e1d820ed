using Bunit;
using MudBlazor.Services;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop, disposed asynchronously (MudBlazor's services
/// throw on synchronous disposal).
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>How long to wait for a handler that awaits real work (database, validation): this machine is shared and busy.</summary>
    protected static TimeSpan WaitTimeout { get; } = TimeSpan.FromSeconds(15);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
