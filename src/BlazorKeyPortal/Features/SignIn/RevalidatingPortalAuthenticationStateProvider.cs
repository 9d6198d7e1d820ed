using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BlazorKeyPortal.Features.SignIn;

/// <summary>
/// The authentication state of an open page (a Blazor circuit), checked again by <see cref="PortalSessionValidator"/>
/// every <see cref="PortalSignInOptions.SessionRevalidationInterval"/>, as each request is: changed roles replace the
/// circuit's user, so <c>AuthorizeRouteView</c> shows "not allowed" where a role is gone; an ended session makes it
/// anonymous, so the page sends the user to sign in (where the cookie is refused and removed).
/// </summary>
/// <remarks>
/// The same idea as the framework's <see cref="RevalidatingServerAuthenticationStateProvider"/>, but that class waits
/// with <c>Task.Delay</c> on the system clock, not the injected <see cref="TimeProvider"/>, and it can only sign a
/// circuit out, not carry it on under the roles the user has now. So it is written out here; the loop is the same.
/// </remarks>
internal sealed class RevalidatingPortalAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly PortalSessionValidator _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger<RevalidatingPortalAuthenticationStateProvider> _logger;
    private CancellationTokenSource? _loop;

    public RevalidatingPortalAuthenticationStateProvider(PortalSessionValidator sessions, TimeProvider time, ILogger<RevalidatingPortalAuthenticationStateProvider> logger)
    {
        _sessions = sessions;
        _time = time;
        _logger = logger;
        // Each new state (from the host when the circuit starts, or from this class) starts a new loop for it.
        AuthenticationStateChanged += state =>
        {
            var loop = new CancellationTokenSource();
            var token = loop.Token;
            var previous = Interlocked.Exchange(ref _loop, loop);
            previous?.Cancel();
            previous?.Dispose();
            _ = RevalidateAsync(state, token);
        };
    }

    private async Task RevalidateAsync(Task<AuthenticationState> state, CancellationToken cancellationToken)
    {
        try
        {
            var user = (await state).User;
            if (user.Identity?.IsAuthenticated != true) return;
            // The request that opened the circuit was checked no longer than one interval ago.
            var due = _time.GetUtcNow() + _sessions.Interval;
            while (true)
            {
                var wait = due - _time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
                var check = await _sessions.CheckAsync(user, cancellationToken);
                switch (check.Standing)
                {
                    case SessionStanding.Changed:
                        SetAuthenticationState(Task.FromResult(new AuthenticationState(check.Principal!)));
                        return;
                    case SessionStanding.Ended:
                        SignOut();
                        return;
                }
                // A verdict another request or tab obtained holds until its own interval is over; look again then.
                due = check.CheckedAt + _sessions.Interval;
                StillValid?.Invoke();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer state replaced this one, or the circuit closed.
        }
        catch (Exception ex)
        {
            // As the framework's provider does: a session that cannot be checked is not trusted.
            _logger.LogError(ex, "The portal session of an open page could not be checked again; the page is signed out.");
            SignOut();
        }
    }

    /// <summary>Raised after a check found the session unchanged, so that the page keeps its state: a test's witness.</summary>
    internal event Action? StillValid;

    private void SignOut() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    public void Dispose()
    {
        var loop = Interlocked.Exchange(ref _loop, null);
        loop?.Cancel();
        loop?.Dispose();
    }
}
