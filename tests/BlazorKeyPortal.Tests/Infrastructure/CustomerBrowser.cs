using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>
/// A customer on a public site: fetches pages and sends their forms as a browser would (the form's own action,
/// hidden fields and antiforgery cookie), from a fixed client address.
/// </summary>
public sealed class CustomerBrowser
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public CustomerBrowser(HttpClient http, string address)
    {
        _http = http;
        _http.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
    }

    public HttpClient Http => _http;

    public async Task<PublicPageResult> GetAsync(string pathOrUrl) => await PublicPageResult.ReadAsync(await _http.GetAsync(pathOrUrl));

    /// <summary>Opens the front page and submits the key entry form.</summary>
    public async Task<PublicPageResult> EnterKeyAsync(string typed, string? customerName = null)
    {
        var front = await GetAsync("/");
        return await front.SubmitAsync(_http, new() { ["short_key"] = typed, ["customer.name"] = customerName ?? "" });
    }

    /// <summary>Opens a key URL (as a mail scanner or a click would) and returns its landing page.</summary>
    public Task<PublicPageResult> OpenAsync(string keyUrl) => GetAsync(keyUrl);

    /// <summary>Opens a key URL and presses "Start session".</summary>
    public async Task<PublicPageResult> StartFromKeyUrlAsync(string keyUrl, string? customerName = null)
    {
        var landing = await OpenAsync(keyUrl);
        return await landing.SubmitAsync(_http, new() { ["customer.name"] = customerName ?? "" });
    }
}

/// <summary>A public page as the browser got it.</summary>
public sealed record PublicPageResult(HttpStatusCode Status, HttpResponseMessage Response, string Html)
{
    public IHtmlDocument Document { get; } = new HtmlParser().ParseDocument(Html);

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? throw new ShouldAssertException($"No <h1> in:\n{Html}");

    /// <summary>The text of the page's alert, if any (a failure's message).</summary>
    public string? Problem => Document.QuerySelector("[role=alert]")?.TextContent.Trim();

    public string Text => Document.Body?.TextContent ?? "";

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : Response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues) : null;

    public IHtmlFormElement? Form => Document.Forms.Length > 0 ? Document.Forms[0] : null;

    /// <summary>Submits the page's form: its hidden fields plus <paramref name="fields"/>, to its action, with the cookies the client holds.</summary>
    public async Task<PublicPageResult> SubmitAsync(HttpClient http, Dictionary<string, string> fields)
    {
        var form = Form ?? throw new ShouldAssertException($"No form on the page:\n{Html}");
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields) values[name] = value;
        var response = await http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        return await ReadAsync(response);
    }

    public static async Task<PublicPageResult> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response, await response.Content.ReadAsStringAsync());
}
