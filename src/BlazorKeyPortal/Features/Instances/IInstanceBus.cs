namespace BlazorKeyPortal.Features.Instances;

/// <summary>What one instance tells the others after it changed something they keep in memory.</summary>
public enum InstanceTopic
{
    /// <summary>Configuration was saved: reload the catalog snapshot.</summary>
    CatalogChanged,
    /// <summary>An API account's tokens were revoked (payload: its client id): drop its cached tokens.</summary>
    ApiAccountChanged,
    /// <summary>A support session changed state (payload: id and status): refresh open queue pages.</summary>
    QueueChanged,
    /// <summary>Someone connected, disconnected or switched Available / Away: re-read presence.</summary>
    PresenceChanged,
}

/// <summary>
/// Change notifications between instances. Publishing never waits and never fails the caller: an instance that misses a
/// message still has its own state right, and catches up on the next change or heartbeat.
/// </summary>
public interface IInstanceBus
{
    /// <summary>Tells the other instances (never this one) about a change this instance has already applied.</summary>
    void Publish(InstanceTopic topic, string payload = "");
}

/// <summary>One instance: there is no one to tell.</summary>
public sealed class SingleInstanceBus : IInstanceBus
{
    public void Publish(InstanceTopic topic, string payload = "")
    {
    }
}
