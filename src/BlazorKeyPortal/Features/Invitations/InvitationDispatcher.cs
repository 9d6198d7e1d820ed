using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>
/// Sends the outbox: whenever an invitation is queued in this process, and every <see cref="PollInterval"/> for retries
/// that came due and for mail queued by another portal process on the same database. One mail at a time per process.
/// </summary>
internal sealed partial class InvitationDispatcher(
    IDbContextFactory<PortalDbContext> contextFactory,
    InvitationDelivery delivery,
    SmtpInvitationMailer mailer,
    InvitationEvents events,
    IOptions<SmtpOptions> options,
    TimeProvider time,
    ILogger<InvitationDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsEnabled) return;
        // Connect, authenticate and send each get the timeout; past four of them the sender is taken to have died mid-send.
        var lease = TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 4);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await SendDueAsync(lease, stoppingToken) == BatchSize)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(logger, ex);
                }
                await events.WaitForWorkAsync(PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends what is due, up to <see cref="BatchSize"/>; returns how many were due.</summary>
    private async Task<int> SendDueAsync(TimeSpan lease, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        List<long> due;
        await using (var db = await contextFactory.CreateDbContextAsync(stoppingToken))
        {
            due = await db.Invitations.AsNoTracking()
                .Where(i => i.Status == InvitationStatus.Queued && i.NextAttemptAt <= now && (i.ClaimedUntil == null || i.ClaimedUntil < now))
                .OrderBy(i => i.NextAttemptAt)
                .Select(i => i.Id)
                .Take(BatchSize)
                .ToListAsync(stoppingToken);
        }
        foreach (var id in due)
        {
            if (await delivery.ClaimAsync(id, lease, stoppingToken) is { } invitation)
            {
                await SendAsync(invitation, stoppingToken);
            }
        }
        return due.Count;
    }

    private async Task SendAsync(Invitation invitation, CancellationToken stoppingToken)
    {
        try
        {
            await mailer.SendAsync(invitation, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await delivery.ReleaseAsync(invitation, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            var status = await delivery.AttemptFailedAsync(invitation, ex.Message, SmtpInvitationMailer.IsPermanent(ex), CancellationToken.None);
            LogAttemptFailed(logger, invitation.Id, invitation.Attempts + 1, status, ex.Message);
            return;
        }
        await delivery.SentAsync(invitation, CancellationToken.None);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Invitation {Id}: attempt {Attempt} failed ({Error}); now {Status}.")]
    private static partial void LogAttemptFailed(ILogger logger, long id, int attempt, InvitationStatus status, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The invitation sender could not read the outbox; it tries again shortly.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
