using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.SupportQueue;

/// <summary>One support session changed state (a customer joined a queue, an agent accepted or ended a session).</summary>
public sealed record QueueChange(long SessionId, SupportSessionStatus Status);

/// <summary>
/// Tells every open queue page at once that a session changed, after the change has committed. In-memory and
/// per process: with several instances, this is where a Redis channel would come in (see ARCHITECTURE, Scale).
/// </summary>
public sealed class SupportQueueNotifier(ILogger<SupportQueueNotifier> logger)
{
    public event Action<QueueChange>? Changed;

    /// <summary>Calls every listener; one failing listener (a page whose circuit broke) does not keep the others from hearing.</summary>
    public void Notify(QueueChange change)
    {
        if (Changed is not { } listeners) return;
        foreach (var listener in listeners.GetInvocationList().Cast<Action<QueueChange>>())
        {
            try
            {
                listener(change);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A queue listener failed on the change of session {SessionId}.", change.SessionId);
            }
        }
    }
}
