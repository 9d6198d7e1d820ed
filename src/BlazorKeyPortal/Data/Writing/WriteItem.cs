using System.Diagnostics;
using BlazorKeyPortal.Features.Telemetry;

namespace BlazorKeyPortal.Data.Writing;

/// <summary>A piece of work queued for the writer, and how its caller hears of the outcome.</summary>
internal interface IWriteItem
{
    bool IsRepeatable { get; }
    bool IsCancelled { get; }
    /// <summary>The span of the code that queued the work, if any was recorded.</summary>
    ActivityContext Caller { get; }
    void Run(WriteScope scope);
    void Complete();
    void Fail(Exception ex);
}

internal sealed class WriteItem<T>(Func<WriteScope, T> work, bool isRepeatable, CancellationToken cancellationToken) : IWriteItem
{
    public bool IsRepeatable => isRepeatable;

    // Captured on the caller's side: the writer thread has no ambient activity of the caller's.
    public ActivityContext Caller { get; } = PortalTelemetry.Source.HasListeners() ? Activity.Current?.Context ?? default : default;

    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public bool IsCancelled
    {
        get
        {
            if (!cancellationToken.IsCancellationRequested) return false;
            _completion.TrySetCanceled(cancellationToken);
            return true;
        }
    }

    public void Run(WriteScope scope) => _result = work(scope);
    public void Complete() => _completion.TrySetResult(_result!);
    public void Fail(Exception ex) => _completion.TrySetException(ex);
}
