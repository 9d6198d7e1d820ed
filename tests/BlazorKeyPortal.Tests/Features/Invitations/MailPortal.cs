using BlazorKeyPortal.Features.Invitations;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorKeyPortal.Tests.Features.Invitations;

/// <summary>
/// A portal with email on: on the database in <paramref name="directory"/> (another portal's, to restart it or to run two
/// on one database), on the system clock when <paramref name="realClock"/>, and without its background sender when
/// <paramref name="sender"/> is false (a test that drives the outbox step by step on the fake clock).
/// </summary>
public sealed class MailPortal(IReadOnlyDictionary<string, string?> settings, string? directory = null, bool realClock = true, bool sender = true)
    : PortalFactory(directory)
{
    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    protected override bool UseFakeClock => !realClock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (sender) return;
        builder.ConfigureTestServices(services =>
        {
            var dispatcher = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(InvitationDispatcher));
            services.Remove(dispatcher);
        });
    }

    /// <summary>A key issued by the agent <paramref name="issuer"/> (a member of team 1) to team 1's queue.</summary>
    public async Task<IssuedSessionKey> IssueKeyAsync(string issuer = "agent")
    {
        var outcome = await Get<SessionKeyService>().GenerateAsync(new SessionKeyRequest { QueueId = "team:1" }, KeyIssuer.User(issuer, new HashSet<int> { 1 }), null);
        return outcome.Key.ShouldNotBeNull(string.Join(" ", outcome.Errors.Select(e => e.ErrorMessage)) + outcome.ServiceError);
    }

    /// <summary>Queues an invitation as <paramref name="user"/> would from the result card.</summary>
    public async Task<InvitationOutcome> InviteAsync(long keyId, string recipient, System.Security.Claims.ClaimsPrincipal user, string language = "en")
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<InvitationOutbox>()
            .QueueAsync(keyId, new InvitationRequest { Recipient = recipient, Language = language }, user);
    }
}
