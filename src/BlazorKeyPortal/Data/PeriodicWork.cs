namespace BlazorKeyPortal.Data;

/// <summary>
/// The loop of the portal's periodic background work (WAL checkpoints, the session sweep, the appliance directory):
/// every period on the injected clock, until the host stops. A failed round is reported and the next tick tries again.
/// </summary>
internal static class PeriodicWork
{
    /// <param name="runFirst">Also run once at once, before the first period has passed.</param>
    public static async Task RunAsync(TimeProvider time, TimeSpan period, Func<CancellationToken, Task> work, Action<Exception> onFailure,
        CancellationToken stoppingToken, bool runFirst = false)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            if (runFirst) await RunOnceAsync();
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        async Task RunOnceAsync()
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                onFailure(ex);
            }
        }
    }
}
