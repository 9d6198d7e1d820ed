using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;

namespace BlazorKeyPortal.E2E.Features.ReverseProxy;

/// <summary>
/// The portal behind nginx as a company runs it: TLS ends at the proxy, the portal lives under <c>/keys</c>, public
/// sites answer at the root of their own names, and the portal believes the forwarded headers of 127.0.0.1 only.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class BehindNginxTests : IAsyncLifetime
{
    private readonly NginxProxy _nginx = new();
    private KestrelPortal _portal = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        _portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["ReverseProxy:PathBase"] = "/keys",
            ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
            ["Portal:PublicOrigin"] = _nginx.PortalAddress.ToString(),
            ["TokenThrottle:PerAddressLimit"] = "3",
            ["TokenThrottle:PerAddressWindow"] = "00:10:00",
        });
        _portal.Start();
        await _nginx.StartAsync(_portal.BaseAddress.Port);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _nginx.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task Through_the_proxy_an_admin_signs_in_issues_a_key_for_the_proxys_address_and_a_customer_redeems_it_without_a_policy_violation()
    {
        var (page, violations) = await NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => { lock (sockets) sockets.Add(socket.Url); };

        await page.GotoAsync("keys/new");
        await new SignInPage(page).SignInAsync("admin");
        var generate = new GeneratePage(page);
        await generate.GenerateButton.WaitForAsync();
        await generate.ChooseQueueAsync("Team", "Tier 1 Support");
        await generate.ChoosePublicSiteAsync("Support");
        await generate.GenerateAsync();
        var keyUrl = (await generate.KeyUrl.InnerTextAsync()).Trim();
        await page.GotoAsync("history");
        await new PortalLayout(page).WaitForInteractiveAsync();
        await page.GotoAsync("admin/sites");
        await new PortalLayout(page).WaitForInteractiveAsync();

        keyUrl.ShouldStartWith($"https://support.localhost:{_nginx.Port}/?ak=");
        page.Url.ShouldBe($"https://localhost:{_nginx.Port}/keys/admin/sites");
        lock (sockets) sockets.ShouldContain(url => url.StartsWith($"wss://localhost:{_nginx.Port}/keys/_blazor", StringComparison.Ordinal));
        (await page.Context.CookiesAsync()).Single(c => c.Name == ".BlazorKeyPortal.Session").Secure.ShouldBeTrue();

        var (customer, customerViolations) = await NewPageAsync();
        var landing = await new KeyLandingPage(customer).OpenAsync(keyUrl);
        await landing.StartSessionButton.ClickAsync();
        await Assertions.Expect(new SessionStartedPage(customer).Heading).ToHaveTextAsync(SessionStartedPage.HeadingText);

        violations.Concat(customerViolations).ShouldBeEmpty();
    }

    [Fact]
    public async Task Clients_behind_the_proxy_have_failure_budgets_of_their_own_and_a_forged_address_sent_directly_counts_as_the_sender()
    {
        var first = await WrongSecretsAsync(ThroughProxyFrom("127.0.0.2"), 4);
        var second = await WrongSecretsAsync(ThroughProxyFrom("127.0.0.3"), 1);
        var direct = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var forger = DirectFrom("127.0.0.4");
            forger.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.4.4.{i}");
            direct.AddRange(await WrongSecretsAsync(forger, 1));
        }

        first.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        second.ShouldBe([HttpStatusCode.Unauthorized]);
        direct[^1].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private async Task<(IPage Page, List<string> Violations)> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _nginx.PortalAddress + "/",
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var violations = new List<string>();
        await context.ExposeFunctionAsync("reportPolicyViolation", (string text) => { lock (violations) violations.Add(text); });
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => window.reportPolicyViolation(e.violatedDirective + ' ' + e.blockedURI));");
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        return (page, violations);
    }

    private static async Task<HttpStatusCode[]> WrongSecretsAsync(HttpClient http, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"demo-full-access:wrong-{i}")));
            statuses[i] = (await http.SendAsync(request)).StatusCode;
        }
        return statuses;
    }

    private HttpClient ThroughProxyFrom(string clientAddress) => From(clientAddress, _nginx.Port, new Uri(_nginx.PortalAddress + "/"));

    private HttpClient DirectFrom(string clientAddress) => From(clientAddress, _portal.BaseAddress.Port, _portal.BaseAddress);

    /// <summary>A client whose connections leave from <paramref name="clientAddress"/> (127.0.0.x) to 127.0.0.1:<paramref name="port"/>.</summary>
    private static HttpClient From(string clientAddress, int port, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=localhost" },
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(clientAddress), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
