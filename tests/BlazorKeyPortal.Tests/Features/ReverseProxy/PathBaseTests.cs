using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.ReverseProxy;

/// <summary>The portal under a proxy's path (<c>ReverseProxy:PathBase</c>), and the headers of its pages.</summary>
public sealed partial class PathBaseTests : IClassFixture<PathBaseTests.PortalUnderKeys>
{
    private readonly PortalUnderKeys _portal;

    public PathBaseTests(PortalUnderKeys portal) => _portal = portal;

    [Fact]
    public async Task Pages_under_the_path_base_resolve_their_links_below_it()
    {
        var response = await Client().GetAsync("/keys/account/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<base href=\"/keys/\"");
    }

    [Fact]
    public async Task Endpoints_answer_under_the_path_base_and_without_it()
    {
        (await Client().GetAsync("/keys/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_in_redirects_stay_under_the_path_base()
    {
        var response = await Client().GetAsync("/keys/authentication/login?returnUrl=/history");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldContain("/keys/connect/authorize");
        Uri.UnescapeDataString(location).ShouldContain("/keys/signin-oidc");
    }

    [Fact]
    public async Task Portal_pages_allow_only_their_own_scripts_and_the_import_map_with_this_responses_nonce()
    {
        var response = await Client().GetAsync("/keys/account/login");
        var html = await response.Content.ReadAsStringAsync();

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
        nonce.ShouldNotBeEmpty(policy);
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-eval");
        foreach (var script in InlineScript().Matches(html).Select(m => m.Value))
        {
            WebUtility.HtmlDecode(script).ShouldContain($"nonce=\"{nonce}\"");
        }
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
    }

    private HttpClient Client() => _portal.CreateClient(new() { AllowAutoRedirect = false });

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    /// <summary>A script element without a src attribute: inline code.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    public sealed class PortalUnderKeys : PortalFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ReverseProxy:PathBase"] = "/keys" };
    }
}
