using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.ReverseProxy;

public static class ReverseProxyServiceCollectionExtensions
{
    /// <summary>
    /// The reverse proxy's settings, the forwarded headers believed from it, and the origin the portal hands out.
    /// </summary>
    public static IHostApplicationBuilder AddReverseProxy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddOptions<PublicOriginOptions>().BindConfiguration(PublicOriginOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicOriginOptions>, PublicOriginOptionsValidator>();
        services.AddSingleton<PortalPublicOrigin>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // ASP.NET Core trusts loopback by default; here only the configured proxies count, so a process on the
            // portal's own machine cannot name any client address it likes unless the operator says so.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxy.Value.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline: the client's address, scheme and host as the known proxy forwarded them (the address
    /// is what failure budgets, throttles, network fences and the audit trail see, through
    /// <see cref="Throttling.ClientAddress"/>), then the path base, then routing, so that endpoints match below it.
    /// </summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        // Not even registered without a known proxy: ForwardedHeadersMiddleware with empty KnownProxies and
        // KnownIPNetworks believes every sender.
        if (options.TrustsAnyProxy)
        {
            if (options.Headers == ForwardedHeaderStyle.Forwarded)
            {
                app.Use((http, next) =>
                {
                    RfcForwardedHeader.TranslateToXForwarded(http.Request.Headers);
                    return next(http);
                });
            }
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment()) app.UseHttpsRedirection();

        if (!string.IsNullOrEmpty(options.PathBase))
        {
            // Strips the prefix when present and leaves other requests as they are: public sites answer at the root of
            // their own hostnames, and the portal's own address still answers without the prefix.
            app.UsePathBase(options.PathBase);
            app.Use((http, next) =>
            {
                var pathBase = http.Request.PathBase;
                if (pathBase.HasValue) http.Response.OnStarting(() => KeepRedirectUnderPathBase(http.Response, pathBase));
                return next(http);
            });
        }
        // Explicitly after UsePathBase: WebApplication would otherwise route first, on the path with its prefix.
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// The portal's endpoints redirect to paths of its own (<c>/keys/new</c> after sign-in, a return URL); under a path
    /// base those are below it. Absolute URLs and paths that already start with the path base (the cookie handler's
    /// return URLs, built from the original request) stay as they are; so an app path that itself starts like the path
    /// base (<c>/keys/new</c> under <c>/keys</c>) is taken as already under it.
    /// </summary>
    private static Task KeepRedirectUnderPathBase(HttpResponse response, PathString pathBase)
    {
        var location = response.Headers.Location.ToString();
        if (location.Length > 0 && location[0] == '/' && (location.Length == 1 || (location[1] != '/' && location[1] != '\\'))
            && !new PathString(location.Split('?', '#')[0]).StartsWithSegments(pathBase))
        {
            response.Headers.Location = pathBase + location;
        }
        return Task.CompletedTask;
    }
}
