using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Instances;

namespace BlazorKeyPortal.Features.SupportQueue;

/// <summary>One support session changed state (a customer joined a queue, an agent accepted or ended a session).</summary>
public sealed record QueueChange(long SessionId, SupportSessionStatus Status);

/// <summary>
/// Tells every open queue page at once that a session changed, after the change has committed: the pages of this
/// instance directly, those of the other instances through <see cref="IInstanceBus"/>.
/// </summary>
public sealed class SupportQueueNotifier(ILogger<SupportQueueNotifier> logger, IInstanceBus instances)
{
    public event Action<QueueChange>? Changed;

    /// <summary>Tells this instance's listeners and the other instances.</summary>
    public void Notify(QueueChange change)
    {
        NotifyHere(change);
        instances.Publish(InstanceTopic.QueueChanged, $"{change.SessionId}:{change.Status}");
    }

    /// <summary>Calls every listener of this instance; one failing listener (a page whose circuit broke) does not keep the others from hearing.</summary>
    public void NotifyHere(QueueChange change)
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
