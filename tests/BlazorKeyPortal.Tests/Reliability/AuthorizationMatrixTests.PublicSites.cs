using System.Net;
using System.Net.Http.Headers;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>What answers on a public site's hostname: the customers' pages and the machine endpoints, nothing of the portal.</summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>A hostname of the seeded public site "Support".</summary>
    private const string SiteHost = "support.localhost";

    // ── Requests on a public site's hostname ───────────────────────────────────────────────────────────────────
    // Customers reach the public sites, and appliance integrations call the appliance's public hostname, so the command
    // API and its token endpoint answer there; sign-in, the built-in provider and every portal page or endpoint do not
    // (a 404, the site's not-found page where the site has one), whoever asks.
    private static readonly IReadOnlyList<SiteRequestRow> SiteRequests =
    [
        //  request on http://support.localhost                                           answer
        new("POST /account/login",                                                          SiteAnswer.Refused),
        new("GET /account/login?ReturnUrl=/",                                               SiteAnswer.Refused),
        new("GET /account/signed-out",                                                      SiteAnswer.Refused),
        new("POST /account/preferences/theme",                                              SiteAnswer.Refused),
        new("GET /authentication/login?returnUrl=/",                                        SiteAnswer.Refused),
        new("POST /authentication/logout",                                                  SiteAnswer.Refused),
        new("GET /connect/authorize?client_id=blazor-key-portal&response_type=code",        SiteAnswer.Refused),
        new("POST /connect/token",                                                          SiteAnswer.Refused),
        new("GET /connect/endsession",                                                      SiteAnswer.Refused),
        new("GET /.well-known/openid-configuration",                                        SiteAnswer.Refused),
        new("GET /signin-oidc?code=x&state=y",                                              SiteAnswer.Refused),
        new("GET /signout-callback-oidc?state=y",                                           SiteAnswer.Refused),
        new("POST /_blazor/negotiate?negotiateVersion=1",                                   SiteAnswer.Refused),
        new("GET /_framework/opaque-redirect?url=x",                                        SiteAnswer.Refused),
        new("GET /keys/new",                                                                SiteAnswer.Refused),
        new("GET /history/export.csv",                                                      SiteAnswer.Refused),
        new("POST /oauth2/token",                                                           SiteAnswer.Answers),
        new("GET /api/command?action=get_api_info",                                         SiteAnswer.Answers),
        new("GET /api/start_session?short_key=0000000",                                     SiteAnswer.Answers),
        new("GET /health/live",                                                             SiteAnswer.Answers),
    ];

    public static TheoryData<MatrixCell> SiteRequestCells => new(SiteRequests.Select(r => new MatrixCell(r.ToString())));

    [Theory]
    [MemberData(nameof(SiteRequestCells))]
    public async Task A_public_sites_hostname_answers_only_what_the_site_matrix_says(MatrixCell cell)
    {
        var row = SiteRequests.Single(r => r.ToString() == cell.Sentence);
        var (method, path) = (row.Request[..row.Request.IndexOf(' ')], row.Request[(row.Request.IndexOf(' ') + 1)..]);
        using var http = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{SiteHost}"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]);
        if (path.StartsWith("/oauth2/token", StringComparison.Ordinal)) request.Headers.Authorization = Basic(CommandApiClient.FullAccess, CommandApiClient.FullSecret);
        if (path.StartsWith("/api/command", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await new CommandApiClient(http).TokenAsync());
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var seen = $"{cell}\ngot {(int)response.StatusCode} {response.Headers.Location} {response.Content.Headers.ContentType}\n{body}";
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        if (row.Answer == SiteAnswer.Refused)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, seen);
            cookies.ShouldBeEmpty(seen);
            // Nothing of the portal: either no body, or the site's own not-found page.
            if (body.Length > 0) TitleOf(body).ShouldBe("Page not found · Example Support", seen);
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, seen);
            cookies.ShouldNotContain(c => c.StartsWith(".BlazorKeyPortal", StringComparison.Ordinal), seen);
            if (path.StartsWith("/oauth2/token", StringComparison.Ordinal)) body.ShouldContain("\"access_token\"", Case.Sensitive, seen);
            if (path.StartsWith("/api/command", StringComparison.Ordinal)) body.ShouldContain("<api_information", Case.Sensitive, seen);
            if (path.StartsWith("/api/start_session", StringComparison.Ordinal)) body.ShouldContain("<error", Case.Sensitive, seen);
        }
    }

    private static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

    private enum SiteAnswer { Refused, Answers }

    private sealed record SiteRequestRow(string Request, SiteAnswer Answer)
    {
        public override string ToString() => Answer == SiteAnswer.Refused
            ? $"{Request} on a public site's hostname is refused"
            : $"{Request} on a public site's hostname answers";
    }
}
