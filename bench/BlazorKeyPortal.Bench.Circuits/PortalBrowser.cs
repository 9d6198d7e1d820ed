using System.Net;
using System.Text.RegularExpressions;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// One signed-in user's cookies, as a browser keeps them: signs in on the built-in provider's form (the portal's OIDC
/// round trip included) and loads pages. Every circuit of that user shares these cookies, as a browser's tabs do.
/// </summary>
internal sealed class PortalBrowser : IDisposable
{
    private readonly HttpClient _http;

    private PortalBrowser(Uri baseAddress, string userName)
    {
        Cookies = new CookieContainer();
        BaseAddress = baseAddress;
        UserName = userName;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; }
    public Uri BaseAddress { get; }
    public string UserName { get; }

    /// <summary>Opens <c>/keys/new</c>, is sent to the sign-in form, posts it, and follows the redirects back.</summary>
    public static async Task<PortalBrowser> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var browser = new PortalBrowser(baseAddress, userName);
        var form = await browser.GetAsync("/keys/new");
        if (form.Address.AbsolutePath != "/account/login")
        {
            throw new InvalidOperationException($"Expected the sign-in form, reached {form.Address}.");
        }
        var page = await browser.PostFormAsync("/account/login",
            ("__RequestVerificationToken", Hidden(form.Html, "__RequestVerificationToken")), ("returnUrl", Hidden(form.Html, "returnUrl")),
            ("username", userName), ("password", password));
        if (page.Address.AbsolutePath != "/keys/new" || page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Signing in as {userName} ended at {page.Address} ({(int)page.Status}).");
        }
        return browser;
    }

    /// <summary>The last page reached after following redirects.</summary>
    public sealed record Page(HttpStatusCode Status, Uri Address, string Html);

    public async Task<Page> GetAsync(string pathAndQuery) =>
        await FollowAsync(await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative)));

    /// <summary>Posts a form without following redirects (the circuit's disconnect beacon).</summary>
    public async Task PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private async Task<Page> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await FollowAsync(await _http.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    private async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        for (var redirects = 0; (int)response.StatusCode is >= 300 and < 400; redirects++)
        {
            if (redirects == 20) throw new InvalidOperationException("Redirect loop at " + response.RequestMessage!.RequestUri);
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await _http.GetAsync(location);
        }
        using (response)
        {
            return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No hidden field {name} on the sign-in form.");
    }

    public void Dispose() => _http.Dispose();
}
