using System.Net;
using System.Text.RegularExpressions;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>Walks the portal as a browser does without script: follows redirects, keeps cookies, posts forms.</summary>
public sealed partial class PortalBrowserClient(HttpClient http)
{
    public const string Password = "Passw0rd!";

    public HttpClient Http => http;

    /// <summary>The last page reached after following redirects, and its Retry-After header if it had one.</summary>
    public sealed record Page(HttpStatusCode Status, Uri Address, string Html, IReadOnlyList<Uri> Redirects, string? RetryAfter = null);

    public async Task<HttpResponseMessage> GetRawAsync(string path) => await http.GetAsync(path);

    public async Task<Page> GetAsync(string path) => await FollowAsync(await http.GetAsync(path));

    public async Task<Page> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        await FollowAsync(await http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))));

    /// <summary>Opens <paramref name="path"/>, signs in on the built-in provider's form and returns where that leads.</summary>
    public async Task<Page> SignInAsync(string userName, string password = Password, string path = "/keys/new")
    {
        var form = await GetAsync(path);
        form.Address.AbsolutePath.ShouldBe("/account/login", form.Html);
        return await SubmitSignInAsync(form, userName, password);
    }

    public Task<Page> SubmitSignInAsync(Page form, string userName, string password) =>
        PostFormAsync("/account/login", ("__RequestVerificationToken", Token(form.Html)), ("returnUrl", Hidden(form.Html, "returnUrl")),
            ("username", userName), ("password", password));

    /// <summary>Signs out with the app bar's form on <paramref name="page"/>.</summary>
    public Task<Page> SignOutAsync(Page page) =>
        PostFormAsync("/authentication/logout", ("__RequestVerificationToken", Token(page.Html)));

    public static string Token(string html) => Hidden(html, "__RequestVerificationToken");

    private static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no hidden field {name} in:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<Page> FollowAsync(HttpResponseMessage response)
    {
        var redirects = new List<Uri>();
        while (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.MovedPermanently)
        {
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            redirects.Add(location);
            redirects.Count.ShouldBeLessThan(20, "redirect loop: " + string.Join(" -> ", redirects));
            response.Dispose();
            response = await http.GetAsync(location);
        }
        using (response)
        {
            return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), redirects,
                response.Headers.TryGetValues("Retry-After", out var retryAfter) ? string.Join(", ", retryAfter) : null);
        }
    }
}
