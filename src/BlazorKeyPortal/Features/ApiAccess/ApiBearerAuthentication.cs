using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using BlazorKeyPortal.Features.Instances;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// Tokens OpenIddict has already validated, kept until they expire. Validating a reference token costs a
/// database read and an RSA decryption; an integration calls with the same token thousands of times an
/// hour. Every path that revokes tokens (the 30-token cap, secret regeneration, disabling an account)
/// forgets that account's entries here first, so revocation still takes effect at once.
/// </summary>
public sealed class ApiTokenCache(TimeProvider time, IInstanceBus instances)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>
    /// Grows with every <see cref="Forget"/>. A validation that began in an older generation may have read a
    /// token entry that has been revoked since; its result is not remembered.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ClaimsPrincipal? Find(string token)
    {
        if (!_entries.TryGetValue(token, out var entry)) return null;
        if (entry.ExpiresAt > time.GetUtcNow()) return entry.Principal;
        _entries.TryRemove(token, out _);
        return null;
    }

    /// <summary>Remembers a token validated in generation <paramref name="validatedIn"/>, if no revocation came since.</summary>
    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expiresAt, long validatedIn)
    {
        // Expired entries of tokens nobody sends again are swept whenever the cache grows.
        if (_entries.Count > 10_000) Sweep();
        _entries[token] = new Entry(principal, principal.GetClaim(OpenIddictConstants.Claims.Subject), expiresAt);
        // A revocation that raced the line above is seen here and undone.
        if (Generation != validatedIn) _entries.TryRemove(token, out _);
    }

    /// <summary>
    /// Drops every cached token of an API account, here and on the other instances. Call it before revoking (so
    /// nothing cached outlives the revocation) and after (so nothing validated during it is kept).
    /// </summary>
    public void Forget(string clientId)
    {
        ForgetHere(clientId);
        instances.Publish(InstanceTopic.ApiAccountChanged, clientId);
    }

    /// <summary>Drops an account's cached tokens on this instance only (another instance revoked them).</summary>
    public void ForgetHere(string clientId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (token, entry) in _entries)
        {
            if (entry.ClientId == clientId) _entries.TryRemove(token, out _);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (token, entry) in _entries)
        {
            if (entry.ExpiresAt <= now) _entries.TryRemove(token, out _);
        }
    }

    private sealed record Entry(ClaimsPrincipal Principal, string? ClientId, DateTimeOffset ExpiresAt);
}

/// <summary>
/// The command API's bearer scheme: answers from <see cref="ApiTokenCache"/> when it can, else asks
/// OpenIddict's validation (which checks the stored token entry) and remembers a success.
/// </summary>
public sealed class ApiBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenCache cache,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return AuthenticateResult.NoResult();

        if (cache.Find(token) is { } known) return Success(known);

        var generation = cache.Generation;
        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded) return result.Failure is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure);

        var expiresAt = result.Principal.GetExpirationDate() ?? time.GetUtcNow().AddMinutes(1);
        cache.Remember(token, result.Principal, expiresAt, generation);
        return Success(result.Principal);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
}
