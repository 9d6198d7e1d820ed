using System.Globalization;
using System.Threading.RateLimiting;
using BlazorKeyPortal.Features.Throttling;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// The ASP.NET Core rate-limiting policy of the redemption endpoints: a request is let through while its client
/// address (and, for short keys of an address that has failed before, everyone together) still has failed attempts left, and answered 429 with
/// Retry-After otherwise. Passing the gate costs nothing; only a failed attempt spends budget
/// (<see cref="RedemptionService"/> records it), so customers who redeem their key are never counted.
/// </summary>
public sealed class FailedAttemptPolicy(FailedAttemptLimits limits, bool shortKey) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var client = ClientAddress.Of(httpContext);
        return RateLimitPartition.Get(client.Partition, _ => new Gate(limits, client, shortKey));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        await RejectedAttemptReply.WriteAsync(http, retryAfter);
    };

    /// <summary>A stateless view of one partition's budget; the budgets themselves live in <see cref="FailedAttemptLimits"/>.</summary>
    private sealed class Gate(FailedAttemptLimits limits, ClientAddress client, bool shortKey) : RateLimiter
    {
        // Nothing is held here, so the partitioned limiter may drop this gate whenever it likes.
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            limits.RetryAfter(client, shortKey) is { } wait ? new Rejected(wait) : Allowed.Instance;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            new(AttemptAcquireCore(permitCount));
    }

    private sealed class Allowed : RateLimitLease
    {
        public static readonly Allowed Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    private sealed class Rejected(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

/// <summary>
/// How an endpoint answers a request refused for too many failed attempts (HTML for the public pages, XML for
/// <c>/api/start_session</c>). Endpoints carry one as metadata; the rate-limiting policy and the endpoint's own
/// late check both use it, so a refusal looks the same wherever it was decided.
/// </summary>
public sealed class RejectedAttemptReply(Func<HttpContext, TimeSpan, Task> write)
{
    private readonly Func<HttpContext, TimeSpan, Task> _write = write;

    /// <summary>Sets 429 and Retry-After (whole seconds, rounded up), then lets the endpoint's reply write the body.</summary>
    public static Task WriteAsync(HttpContext http, TimeSpan retryAfter)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        var reply = http.GetEndpoint()?.Metadata.GetMetadata<RejectedAttemptReply>();
        return reply is null ? Task.CompletedTask : reply._write(http, retryAfter);
    }

    public static long RetryAfterSeconds(TimeSpan retryAfter) => WaitText.Seconds(retryAfter);
}
