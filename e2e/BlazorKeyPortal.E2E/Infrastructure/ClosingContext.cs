namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>Closes a page's browser context when the test ends, passed or failed, so its circuit (and presence) ends too.</summary>
public sealed class ClosingContext(IPage page) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await page.Context.CloseAsync();
}
