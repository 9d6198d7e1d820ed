using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BlazorKeyPortal.Features.CommandApi;

public static class CommandApiServiceCollectionExtensions
{
    /// <summary>
    /// The longest request line a <c>GET /api/command</c> needs, in characters:
    /// <list type="bullet">
    /// <item>custom fields and external_key together carry at most 10,240 bytes
    /// (<c>SessionKeyRequestValidator.MaxCustomBytes</c>), and percent-encoding writes each
    /// byte as at most three characters (<c>%XX</c>): 30,720;</item>
    /// <item>the other parameters (action, type, queue_id, ttl, url_hostname, priority, skills), each allowed
    /// 1,024 characters, encoded the same way: 7 × 3,072 = 21,504;</item>
    /// <item>what is left, 13,312, holds the method, path and version (26) and the names of over a hundred custom
    /// fields with 100-character code names (<c>&amp;session.custom.CODE=</c>, 117 each).</item>
    /// </list>
    /// Kestrel's default is 8 KB, which a GET with the documented maximum exceeds threefold. .NET's own
    /// <see cref="Uri"/> stops at 65,519 characters, so few clients could send more anyway.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    /// <summary>The command handler and what it reads, and request lines long enough for the documented maximum of custom fields in a GET.</summary>
    public static IHostApplicationBuilder AddCommandApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportSessionCounts>();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            var limits = kestrel.Limits;
            // Never lower a larger limit an operator configured under Kestrel:Limits.
            limits.MaxRequestLineSize = Math.Max(limits.MaxRequestLineSize, MaxRequestLineBytes);
            // HTTP/2 and HTTP/3 carry the request line as the :path header: one field that long, and the usual 32 KB
            // of other headers beside it.
            limits.Http2.MaxRequestHeaderFieldSize = Math.Max(limits.Http2.MaxRequestHeaderFieldSize, MaxRequestLineBytes);
            limits.Http3.MaxRequestHeaderFieldSize = Math.Max(limits.Http3.MaxRequestHeaderFieldSize, MaxRequestLineBytes);
            limits.MaxRequestHeadersTotalSize = Math.Max(limits.MaxRequestHeadersTotalSize, MaxRequestLineBytes + 32 * 1024);
        });
        return builder;
    }
}
