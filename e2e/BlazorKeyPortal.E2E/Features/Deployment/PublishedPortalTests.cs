using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using BlazorKeyPortal.E2E.Infrastructure;
using BlazorKeyPortal.E2E.Pages;
using Microsoft.Data.Sqlite;

namespace BlazorKeyPortal.E2E.Features.Deployment;

/// <summary>
/// The production path end to end: a published folder started in Production over HTTPS on an empty data directory,
/// the first administrator made with <c>users add</c>, sign-in through the built-in OpenID Connect provider, a site, an
/// agent and keys; a restart under another HOME that keeps everyone signed in; and a service manager's stop under load.
/// </summary>
public sealed class PublishedPortalTests : IAsyncLifetime
{
    private const string AdminPassword = "Adm1n-first-secret!";
    private const string AgentPassword = "Ag3nt-first-secret!";
    private readonly PublishedPortal _portal = new();
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task An_operator_installs_the_published_portal_and_its_first_administrator_and_agent_issue_keys_across_a_restart()
    {
        var admin = await OperatorAsync("users", "add", "root", "--role", "Admin", AdminPassword);
        admin.ShouldBe("Created Admin 'root'.");
        await _portal.StartAsync();

        var adminPage = await NewPageAsync();
        await new SignInPage(adminPage).OpenAsync("/admin/sites");
        await new SignInPage(adminPage).SignInAsync("root", AdminPassword);
        await CreatePrimarySiteAsync(adminPage, "Support", "support.localhost");
        var adminKey = await GenerateForTheGeneralQueueAsync(adminPage);
        adminKey.ShouldStartWith($"https://support.localhost:{_portal.Port}/?ak=");
        (await adminPage.Context.CookiesAsync()).Where(c => c.Name.StartsWith(".BlazorKeyPortal", StringComparison.Ordinal))
            .ShouldAllBe(c => c.Secure, "cookies of an HTTPS portal are Secure");

        (await OperatorAsync("users", "add", "ana", "--role", "Agent", AgentPassword)).ShouldBe("Created Agent 'ana'.");
        var agentPage = await NewPageAsync();
        await new SignInPage(agentPage).OpenAsync("/keys/new");
        await new SignInPage(agentPage).SignInAsync("ana", AgentPassword);
        (await GenerateForTheGeneralQueueAsync(agentPage)).ShouldStartWith($"https://support.localhost:{_portal.Port}/?ak=");

        // A service account or container with another HOME: the key ring lives in the database, not in HOME.
        (await _portal.StopAsync()).ExitCode.ShouldBe(0);
        _portal.Home = Directory.CreateTempSubdirectory("bkp-home-2-").FullName;
        await _portal.StartAsync();
        var generate = await new GeneratePage(adminPage).OpenAsync();
        await Assertions.Expect(generate.GenerateButton).ToBeVisibleAsync();
        adminPage.Url.ShouldBe(new Uri(_portal.Address, "/keys/new").ToString());
    }

    [Fact]
    public async Task A_service_stop_under_load_exits_cleanly_and_every_key_a_client_received_is_stored()
    {
        await OperatorAsync("users", "add", "root", "--role", "Admin", AdminPassword);
        await _portal.StartAsync();
        var page = await NewPageAsync();
        await new SignInPage(page).OpenAsync("/admin/sites");
        await new SignInPage(page).SignInAsync("root", AdminPassword);
        await CreatePrimarySiteAsync(page, "Support", "support.localhost");
        var (clientId, secret) = await CreateFullAccessApiAccountAsync(page);

        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = _portal.Address,
            Timeout = TimeSpan.FromSeconds(20),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, clientId, secret));
        var received = new ConcurrentQueue<string>();
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                string body;
                try { body = await http.GetStringAsync("/api/command?action=generate_session_key&type=support&queue_id=general"); }
                catch (HttpRequestException) { return; } // the server has stopped listening
                catch (TaskCanceledException) { return; }
                var shortKey = XDocument.Parse(body).Root!.Element(XName.Get("short_key", "https://www.beyondtrust.com/namespaces/API/command"))?.Value;
                if (shortKey is null) return; // an <error> once the portal is shutting down
                received.Enqueue(shortKey);
            }
        })).ToList();
        using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (received.Count < 200) await Task.Delay(20, warmUp.Token);
        }

        var (exitCode, took) = await _portal.StopAsync();
        await Task.WhenAll(clients);

        exitCode.ShouldBe(0, $"after {took.TotalSeconds:0.0} s:\n" + string.Join("\n", _portal.Log));
        took.ShouldBeLessThan(TimeSpan.FromSeconds(20), "inside the Windows service manager's patience, far inside systemd's 90 s");
        using var db = new SqliteConnection($"Data Source={Path.Combine(_portal.DataDirectory, "portal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT ShortKey FROM SessionKeys;";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = query.ExecuteReader()) while (reader.Read()) stored.Add(reader.GetString(0));
        received.Where(k => !stored.Contains(k)).ShouldBeEmpty();
    }

    private async Task<string> OperatorAsync(params string[] argsAndPassword)
    {
        var (args, input) = argsAndPassword[0] == "users" ? (argsAndPassword[..^1], argsAndPassword[^1]) : (argsAndPassword, null);
        var run = await _portal.CommandAsync(input, args);
        run.ExitCode.ShouldBe(0, run.Error);
        return run.Output.Trim();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _portal.Address.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private static async Task CreatePrimarySiteAsync(IPage page, string name, string hostname)
    {
        var sites = await new AdminSitesPage(page).OpenAsync();
        var dialog = await sites.OpenDialogAsync("New site");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await dialog.GetByLabel("Title", new() { Exact = true }).FillAsync($"{name} desk");
        await dialog.GetByRole(AriaRole.Switch, new() { Name = "Primary site: serves keys whose request names no url_hostname" }).CheckAsync();
        var site = new AdminSiteDialog(dialog);
        await site.Hostname(1).FillAsync(hostname);
        await site.Hostname(1).PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Primary: hostname 1" }).CheckAsync();
        await site.SaveAsync();
        await Assertions.Expect(sites.Saved(name)).ToBeVisibleAsync();
    }

    private static async Task<string> GenerateForTheGeneralQueueAsync(IPage page)
    {
        var generate = await new GeneratePage(page).OpenAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "General", Exact = true }).CheckAsync();
        await generate.GenerateAsync();
        return (await generate.KeyUrl.TextContentAsync())!.Trim();
    }

    private static async Task<(string ClientId, string Secret)> CreateFullAccessApiAccountAsync(IPage page)
    {
        var accounts = new AdminPage(page, "/admin/api-accounts", "API accounts");
        await accounts.OpenAsync();
        var dialog = await accounts.OpenDialogAsync("New API account");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Ticketing");
        await dialog.GetByLabel("Client id", new() { Exact = true }).FillAsync("ticketing");
        await dialog.GetByLabel("Command permission", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Full access", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create API account", Exact = true }).ClickAsync();
        var secret = await page.GetByLabel("Client secret", new() { Exact = true }).InputValueAsync();
        return ("ticketing", secret);
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(json);
        return JsonDocument.Parse(json).RootElement.GetProperty("access_token").GetString()!;
    }
}
