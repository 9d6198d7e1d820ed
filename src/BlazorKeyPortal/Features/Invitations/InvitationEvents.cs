using System.Threading.Channels;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>
/// Within one portal process: wakes the sender when an invitation is queued, and tells open result cards and key pages
/// that an invitation of a key changed. Changes made by another process reach them by polling.
/// </summary>
public sealed class InvitationEvents
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raised with the key's id after an invitation of that key was queued, sent or failed.</summary>
    public event Action<long>? Changed;

    internal void Queued(long keyId)
    {
        _wake.Writer.TryWrite(true);
        Changed?.Invoke(keyId);
    }

    internal void Completed(long keyId) => Changed?.Invoke(keyId);

    /// <summary>Completes when something was queued since the last wait, or after <paramref name="timeout"/>.</summary>
    internal async Task WaitForWorkAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queued = _wake.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var elapsed = Task.Delay(timeout, time, waiting.Token);
        await Task.WhenAny(queued, elapsed);
        await waiting.CancelAsync(); // ends the other wait
        cancellationToken.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }
}
