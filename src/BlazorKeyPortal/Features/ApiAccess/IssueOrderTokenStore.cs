using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// OpenIddict's token store with exact issue order: each stored token's creation date is the current time to the
/// tick, and always later than that of every earlier token of the same client. OpenIddict carries the creation date
/// in the token's claims with whole seconds only, and token ids are random, so without this the tokens a client
/// fetched within one second would have no order, and the 30-token cap (<see cref="ApiTokenLimit"/>) would revoke
/// an arbitrary one of them instead of the oldest.
/// </summary>
/// <remarks>
/// Tokens of one account are issued one at a time (<see cref="ApiTokenLimit.LockAsync"/>), so reading the newest
/// date and writing the next one do not interleave within the process.
/// </remarks>
public sealed class IssueOrderTokenStore(
    IMemoryCache cache,
    IOpenIddictEntityFrameworkCoreContext context,
    IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options,
    TimeProvider time)
    : OpenIddictEntityFrameworkCoreTokenStore(cache, context, options)
{
    public override async ValueTask CreateAsync(OpenIddictEntityFrameworkCoreToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Application is { } application)
        {
            var db = await Context.GetDbContextAsync(cancellationToken);
            var newest = await db.Set<OpenIddictEntityFrameworkCoreToken>()
                .Where(t => t.Application!.Id == application.Id)
                .MaxAsync(t => t.CreationDate, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            // A clock that stands still (or steps back) must not give two tokens the same place in the order.
            token.CreationDate = newest is { } last && last >= now ? last.AddTicks(1) : now;
        }
        await base.CreateAsync(token, cancellationToken);
    }
}
