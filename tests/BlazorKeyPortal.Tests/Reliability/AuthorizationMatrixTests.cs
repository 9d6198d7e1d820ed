using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.CommandApi;
using BlazorKeyPortal.Features.PublicSites;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BlazorKeyPortal.Tests.Reliability.ApiCaller;
using static BlazorKeyPortal.Tests.Reliability.CommandAccess;
using static BlazorKeyPortal.Tests.Reliability.PageAccess;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>
/// The authorization matrix: every page × anonymous, agent, supervisor, admin (and an API token), and every
/// command × every kind of API caller, as real HTTP requests against the real portal. The two tables below are the
/// specification; the guard test makes sure no page or endpoint is left out of them.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixPortal portal) : IClassFixture<AuthorizationMatrixPortal>
{
    // ── Pages × visitors ─────────────────────────────────────────────────────────────────────────────────────────
    // "page" is the component's @page template, or "METHODS pattern" of an endpoint ("site …" on public-site hosts).
    // An API token is no portal sign-in: it gets what an anonymous visitor gets, on every row.
    private static readonly IReadOnlyList<PageRow> Pages =
    [
        // page                              address when it differs        shows (title, or media type)                      anonymous   agent       supervisor  admin
        Page("/",                                                           "BlazorKeyPortal",                                SignIn,     Opens,      Opens,      Opens),
        Page("/keys/new",                                                   "Generate a session key · BlazorKeyPortal",       SignIn,     Opens,      Opens,      Opens),
        Page("/keys",                                                       "My keys · BlazorKeyPortal",                      SignIn,     Opens,      Opens,      Opens),
        Page("/queue",                                                      "Queue · BlazorKeyPortal",                        SignIn,     Opens,      Opens,      Opens),
        Page("/history",                                                    "Key history · BlazorKeyPortal",                  SignIn,     NotAllowed, Opens,      Opens),
        Page("/history/{Id:long}",           "/history/{agent's key id}",   "Key {agent's short key} · BlazorKeyPortal",      SignIn,     Opens,      Opens,      Opens),
        Page("/history/{Id:long}",           "/history/{agent2's key id}",  "Key {agent2's short key} · BlazorKeyPortal",     SignIn,     KeyHidden,  Opens,      Opens),
        Download("GET /history/export.csv",  "/history/export.csv",         "text/csv",                                       SignIn,     NotAllowed, Opens,      Opens),
        Page("/admin/sites",                                                "Public sites · Administration",                  SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/teams",                                                "Support teams · Administration",                 SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/representatives",                                      "Representatives · Administration",               SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/embassies",                                            "Embassies · Administration",                     SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/issues",                                               "Issues · Administration",                        SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/skills",                                               "Skills · Administration",                        SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/custom-fields",                                        "Custom fields · Administration",                 SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/api-accounts",                                         "API accounts · Administration",                  SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/settings",                                             "Settings · Administration",                      SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/users",                                                "Users · Administration",                         SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/admin/webhooks",                                             "Webhooks · Administration",                      SignIn,     NotAllowed, NotAllowed, Opens),
        Page("/account/login",                                              "Sign in · BlazorKeyPortal",                      Opens,      Opens,      Opens,      Opens),
        Page("/account/me",                                                 "My account · BlazorKeyPortal",                   SignIn,     Opens,      Opens,      Opens),
        Page("/account/login/new-password",                                 "Choose a new password · BlazorKeyPortal",        Opens,      Opens,      Opens,      Opens),
        Page("/account/login/two-factor",                                   "Two-factor sign-in · BlazorKeyPortal",           Opens,      Opens,      Opens,      Opens),
        Page("/account/login/two-factor-setup",                             "Set up two-factor sign-in · BlazorKeyPortal",    Opens,      Opens,      Opens,      Opens),
        Page("/account/not-allowed",                                        "Not allowed · BlazorKeyPortal",                  Opens,      Opens,      Opens,      Opens),
        Page("/account/signed-out",                                         "Signed out · BlazorKeyPortal",                   Opens,      Opens,      Opens,      Opens),
        Page("/account/sign-in-problem",                                    "Sign-in failed · BlazorKeyPortal",               Opens,      Opens,      Opens,      Opens),
        Page("/not-found",                                                  "Not found · BlazorKeyPortal",                    Opens,      Opens,      Opens,      Opens),
        Page("/Error",                                                      "Error",                                          Opens,      Opens,      Opens,      Opens),
        Page("site GET /",                   "http://support.localhost/",   "Start your support session · Example Support",   Opens,      Opens,      Opens,      Opens),
    ];

    // ── Endpoints that are no page: who may call them, and why ──────────────────────────────────────────────────
    // Static assets (StaticAssetDescriptor) are classified by their extension below instead of one by one; they answer on
    // public sites' hostnames too. "on sites": whether the endpoint answers on a public site's hostname (see the site table).
    private static readonly IReadOnlyList<EndpointRow> Endpoints =
    [
        new("GET,POST /api/command",            OpenTo.ApiAccounts, OnSites.Answers, "the command matrix below"),
        new("POST /oauth2/token",               OpenTo.Anyone,      OnSites.Answers, "API accounts prove themselves with their secret here"),
        new("GET,POST /api/start_session",      OpenTo.Anyone,      OnSites.Answers, "customers: the session key is the credential"),
        new("ANY /health/live",                 OpenTo.Anyone,      OnSites.Answers, "load balancers"),
        new("ANY /health/ready",                OpenTo.Anyone,      OnSites.Answers, "load balancers"),
        new("ANY /metrics",                     OpenTo.Anyone,      OnSites.Refused, "Prometheus scrapes; only with Metrics:Prometheus, and only on Metrics:Port when set"),
        new("GET /authentication/login",        OpenTo.Anyone,      OnSites.Refused, "starts the sign-in"),
        new("POST /authentication/logout",      OpenTo.Anyone,      OnSites.Refused, "ends the caller's own session; antiforgery token required"),
        new("GET,POST /connect/authorize",      OpenTo.Anyone,      OnSites.Refused, "built-in provider: asks for the password itself"),
        new("POST /connect/token",              OpenTo.Anyone,      OnSites.Refused, "built-in provider: the code and its PKCE verifier are the credential"),
        new("GET,POST /connect/endsession",     OpenTo.Anyone,      OnSites.Refused, "built-in provider: ends the caller's own session, only with the signed-in user's id_token_hint"),
        new("POST /account/login",              OpenTo.Anyone,      OnSites.Refused, "the sign-in form's password check"),
        new("POST /account/preferences/theme",  OpenTo.SignedIn,    OnSites.Refused, "the caller's own theme; antiforgery token required"),
        new("site POST /",                      OpenTo.Anyone,      OnSites.Answers, "customers type a session key"),
        new("site POST /start",                 OpenTo.Anyone,      OnSites.Answers, "customers start a session from a key URL"),
        new("site ANY /not-found",              OpenTo.Anyone,      OnSites.Answers, "public sites' not-found page"),
        new("site ANY /Error",                  OpenTo.Anyone,      OnSites.Answers, "public sites' error page"),
        new("ANY /_blazor",                     OpenTo.Anyone,      OnSites.Refused, "circuits: the router's AuthorizeRouteView checks each page's [Authorize] again"),
        new("ANY /_blazor/negotiate",           OpenTo.Anyone,      OnSites.Refused, "circuits"),
        new("ANY /_blazor/disconnect/",         OpenTo.Anyone,      OnSites.Refused, "circuits"),
        new("ANY /_blazor/initializers/",       OpenTo.Anyone,      OnSites.Refused, "circuits"),
        new("GET /_framework/opaque-redirect",  OpenTo.Anyone,      OnSites.Refused, "circuits: a redirect a streamed page asked for; its target is data-protected"),
        new("GET,HEAD {**path:file}",           OpenTo.Anyone,      OnSites.Refused, "Development only: wwwroot files not yet in the static-asset manifest (not on sites: no convention reaches it)"),
    ];

    private static readonly IReadOnlyList<string> StaticAssetExtensions = [".css", ".js", ".map", ".svg"];

    // ── Commands × API callers ──────────────────────────────────────────────────────────────────────────────────
    private static readonly IReadOnlyList<CommandColumn> Commands =
    [
        //  action                   query                                                         its document when it runs
        new("generate_session_key",  "action=generate_session_key&type=support&queue_id=general",  "session_key"),
        new("get_logged_in_reps",    "action=get_logged_in_reps",                                  "logged_in_reps"),
        new("get_support_teams",     "action=get_support_teams",                                   "support_teams"),
        new("get_api_info",          "action=get_api_info",                                        "api_information"),
        // A command of the appliance's API that the portal does not implement: nothing beyond the four runs.
        new("import_jump_shortcut",  "action=import_jump_shortcut",                                null),
    ];

    private static readonly IReadOnlyList<CallerRow> Callers =
    [
        // caller                                 described as                                       generate_…       get_logged_…     get_support_…    get_api_info     another action
        Caller(NoToken,                           "no token",                                        Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(InvalidToken,                      "an invalid token",                                Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(RevokedToken,                      "a token revoked by a new secret",                 Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(DisabledAccountToken,              "a token of a disabled account",                   Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(LoweredToDenyToken,                "a token of an account lowered to deny",           Refused,         Refused,         Refused,         Refused,         UnknownAction),
        Caller(PortalUserAccessToken,             "an agent's own access token from the sign-in",    Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(PortalCookie,                      "a signed-in admin's portal cookie",               Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated, Unauthenticated),
        Caller(Deny,                              "a deny account",                                  Refused,         Refused,         Refused,         Refused,         UnknownAction),
        Caller(ApiCaller.ReadOnly,                "a read_only account",                             Refused,         Runs,            Runs,            Runs,            UnknownAction),
        Caller(FullAccess,                        "a full_access account",                           Runs,            Runs,            Runs,            Runs,            UnknownAction),
        Caller(FullAccessOutsideAllowedNetworks,  "a full_access account outside its networks",      Refused,         Refused,         Refused,         Refused,         Refused),
    ];

    private static readonly FrozenDictionary<string, PageCell> PageCellsByName =
        PageCellsOf(Pages).ToFrozenDictionary(c => c.ToString(), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, CommandCell> CommandCellsByName =
        Callers.SelectMany(row => Commands.Select((command, i) => new CommandCell(row, command, row.Access[i])))
            .ToFrozenDictionary(c => c.ToString(), StringComparer.Ordinal);

    public static TheoryData<MatrixCell> PageCells => new(PageCellsByName.Keys.Order(StringComparer.Ordinal).Select(name => new MatrixCell(name)));

    public static TheoryData<MatrixCell> CommandCells => new(CommandCellsByName.Keys.Order(StringComparer.Ordinal).Select(name => new MatrixCell(name)));

    [Theory]
    [MemberData(nameof(PageCells))]
    public async Task A_visitor_gets_from_each_page_what_the_page_matrix_says(MatrixCell cell)
    {
        var (row, visitor, expected) = PageCellsByName[cell.Sentence];
        var keys = await portal.KeysAsync();
        var browser = await portal.BrowserAsync(visitor);

        using var response = await browser.GetRawAsync(keys.Fill(row.Address));
        var body = await response.Content.ReadAsStringAsync();

        var seen = $"{cell}\ngot {(int)response.StatusCode} {response.Headers.Location} {response.Content.Headers.ContentType}";
        switch (expected)
        {
            case Opens when row.IsDownload:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, seen);
                response.Content.Headers.ContentType?.MediaType.ShouldBe(row.Shows, seen);
                break;
            case Opens:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, seen);
                TitleOf(body).ShouldBe(keys.Fill(row.Shows), seen);
                break;
            case KeyHidden:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, seen);
                TitleOf(body).ShouldBe("Key · BlazorKeyPortal", seen);
                body.ShouldContain("Key not found", Case.Sensitive, seen);
                body.ShouldNotContain(keys.Agent2s.ShortKey, Case.Sensitive, seen);
                break;
            case SignIn:
                response.StatusCode.ShouldBe(HttpStatusCode.Found, seen);
                response.Headers.Location!.AbsolutePath.ShouldBe(BuiltInProvider.AuthorizePath, seen);
                body.ShouldBeEmpty(seen);
                var signIn = await browser.GetAsync(response.Headers.Location.ToString());
                signIn.Address.AbsolutePath.ShouldBe(BuiltInProvider.LoginPath, seen);
                TitleOf(signIn.Html).ShouldBe("Sign in · BlazorKeyPortal", seen);
                break;
            case NotAllowed:
                response.StatusCode.ShouldBe(HttpStatusCode.Found, seen);
                response.Headers.Location!.AbsolutePath.ShouldBe(SignInPages.NotAllowedPath, seen);
                body.ShouldBeEmpty(seen);
                var notAllowed = await browser.GetAsync(response.Headers.Location.ToString());
                notAllowed.Status.ShouldBe(HttpStatusCode.OK, seen);
                TitleOf(notAllowed.Html).ShouldBe("Not allowed · BlazorKeyPortal", seen);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cell), expected, null);
        }
    }

    [Theory]
    [MemberData(nameof(CommandCells))]
    public async Task A_caller_gets_from_each_command_what_the_command_matrix_says(MatrixCell cell)
    {
        var (row, command, expected) = CommandCellsByName[cell.Sentence];
        var (client, clientId) = await portal.CallerAsync(row.Caller);
        var keysBefore = await CountKeysAsync();

        var reply = await new CommandApiClient(client).GetAsync(command.Query);

        var seen = $"{cell}\ngot {(int)reply.Status} {reply.ContentType}\n{reply.Body}";
        reply.ContentType.ShouldBe(ApiXml.ContentType, seen);
        switch (expected)
        {
            case Runs:
                reply.Status.ShouldBe(HttpStatusCode.OK, seen);
                reply.Xml.Root!.Name.ShouldBe(CommandApiClient.Ns + command.Document!, seen);
                break;
            case Refused:
                reply.Status.ShouldBe(HttpStatusCode.OK, seen);
                reply.Error.ShouldStartWith($"API account '{clientId}' ", Case.Sensitive, seen);
                break;
            case Unauthenticated:
                reply.Status.ShouldBe(HttpStatusCode.Unauthorized, seen);
                reply.IsError.ShouldBeTrue(seen);
                break;
            case UnknownAction:
                reply.Status.ShouldBe(HttpStatusCode.OK, seen);
                reply.Error.ShouldBe("Invalid action", seen);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cell), expected, null);
        }
        (await CountKeysAsync()).ShouldBe(keysBefore + (expected == Runs && command.Action == "generate_session_key" ? 1 : 0), seen);
    }

    [Fact]
    public async Task A_signed_in_portal_session_cannot_post_a_command_either()
    {
        var admin = (await portal.BrowserAsync(Visitor.Admin)).Http;
        var keysBefore = await CountKeysAsync();

        var reply = await new CommandApiClient(admin).PostAsync(("action", "generate_session_key"), ("type", "support"), ("queue_id", "general"));

        reply.Status.ShouldBe(HttpStatusCode.Unauthorized, reply.Body);
        reply.IsError.ShouldBeTrue();
        (await CountKeysAsync()).ShouldBe(keysBefore);
    }

    [Fact]
    public void Every_page_and_endpoint_of_the_portal_is_in_a_matrix_or_classified()
    {
        var inTables = Pages.Select(p => p.Page).Concat(Endpoints.Select(e => e.Endpoint)).ToHashSet(StringComparer.Ordinal);
        var found = RoutedEndpoints().Where(e => !e.IsStaticAsset).Select(e => e.Key).Concat(ComponentRoutes()).ToHashSet(StringComparer.Ordinal);

        found.Except(inTables).Order(StringComparer.Ordinal).ShouldBeEmpty("pages or endpoints missing from the matrices: add a row saying who may open them");
        inTables.Except(found).Order(StringComparer.Ordinal).ShouldBeEmpty("rows for pages or endpoints that no longer exist");
        RoutedEndpoints().Where(e => e.IsStaticAsset && !StaticAssetExtensions.Contains(AssetExtension(e.Endpoint.RoutePattern.RawText!)))
            .Select(e => e.Endpoint.RoutePattern.RawText).ShouldBeEmpty("static assets other than styles, scripts and images");
    }

    [Fact]
    public void Endpoints_that_are_no_page_require_what_their_classification_says()
    {
        var wrong = new List<string>();
        foreach (var (key, endpoint, _) in RoutedEndpoints().Where(e => !e.IsStaticAsset))
        {
            if (Endpoints.SingleOrDefault(r => r.Endpoint == key) is not { } row) continue;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var ok = row.OpenTo switch
            {
                OpenTo.Anyone => policies.Count == 0 || anonymous,
                OpenTo.SignedIn => !anonymous && policies.Count > 0 && policies.All(p => p is null),
                OpenTo.ApiAccounts => !anonymous && policies.SequenceEqual([ApiAccessPolicies.CommandApi]),
                _ => false,
            };
            if (!ok) wrong.Add($"{key}: expected {row.OpenTo}, has policies [{string.Join(", ", policies)}]{(anonymous ? " and [AllowAnonymous]" : "")}");
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Endpoints_answer_on_public_sites_hostnames_exactly_where_their_classification_says()
    {
        var wrong = new List<string>();
        foreach (var (key, endpoint, isStaticAsset) in RoutedEndpoints())
        {
            // Public pages answer there; every portal page and any endpoint without a row is refused.
            var expected = isStaticAsset || key.StartsWith("site ", StringComparison.Ordinal) ? OnSites.Answers
                : Endpoints.SingleOrDefault(r => r.Endpoint == key)?.OnSites ?? OnSites.Refused;
            var answers = PublicSiteBoundary.ServesPublicSites(endpoint);
            if (answers != (expected == OnSites.Answers)) wrong.Add($"{key}: expected {expected}, {(answers ? "answers" : "is refused")}");
        }

        wrong.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/appsettings.Development.json")]
    [InlineData("/BlazorKeyPortal.dll")]
    public async Task Configuration_and_program_files_are_not_served(string path)
    {
        using var response = await portal.NewBrowser().GetRawAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TitleOf(await response.Content.ReadAsStringAsync()).ShouldBe("Not found · BlazorKeyPortal");
    }

    private async Task<int> CountKeysAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.SessionKeys.CountAsync();
    }

    private IEnumerable<RoutedEndpoint> RoutedEndpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e =>
        {
            var pattern = e.RoutePattern.RawText!;
            if (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null) return new RoutedEndpoint(pattern, e, false);
            var isStaticAsset = e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } list ? string.Join(',', list) : "ANY";
            var site = e.Metadata.GetMetadata<PublicSitePageMetadata>() is not null ? "site " : "";
            return new RoutedEndpoint(isStaticAsset ? "static asset" : $"{site}{methods} {pattern}", e, isStaticAsset);
        });

    /// <summary>The @page templates of every component, routed or not (a page only the interactive router reaches counts too).</summary>
    private static IEnumerable<string> ComponentRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template);

    private static string AssetExtension(string path)
    {
        var withoutCompression = path.EndsWith(".gz", StringComparison.Ordinal) || path.EndsWith(".br", StringComparison.Ordinal) ? path[..^3] : path;
        return Path.GetExtension(withoutCompression);
    }

    private static string TitleOf(string html) => WebUtility.HtmlDecode(TitleElement().Match(html).Groups[1].Value.Trim());

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleElement();

    private static PageRow Page(string page, string shows, PageAccess anonymous, PageAccess agent, PageAccess supervisor, PageAccess admin) =>
        new(page, page, shows, false, [anonymous, agent, supervisor, admin]);

    private static PageRow Page(string page, string address, string shows, PageAccess anonymous, PageAccess agent, PageAccess supervisor, PageAccess admin) =>
        new(page, address, shows, false, [anonymous, agent, supervisor, admin]);

    private static PageRow Download(string page, string address, string mediaType, PageAccess anonymous, PageAccess agent, PageAccess supervisor, PageAccess admin) =>
        new(page, address, mediaType, true, [anonymous, agent, supervisor, admin]);

    private static CallerRow Caller(ApiCaller caller, string describedAs, params CommandAccess[] access) =>
        access.Length == Commands.Count
            ? new(caller, describedAs, access)
            : throw new InvalidOperationException($"The row '{describedAs}' has {access.Length} cells for {Commands.Count} commands.");

    private static IEnumerable<PageCell> PageCellsOf(IEnumerable<PageRow> rows) =>
        from row in rows
        from visitor in Enum.GetValues<Visitor>()
        // An API token opens nothing an anonymous visitor cannot.
        select new PageCell(row, visitor, visitor == Visitor.ApiToken ? row.Access[0] : row.Access[(int)visitor]);

    private sealed record PageRow(string Page, string Address, string Shows, bool IsDownload, IReadOnlyList<PageAccess> Access);

    private sealed record PageCell(PageRow Row, Visitor Visitor, PageAccess Expected)
    {
        public override string ToString()
        {
            var who = Visitor == Visitor.ApiToken ? "an API token (full access)" : Visitor.ToString().ToLowerInvariant();
            return Expected switch
            {
                Opens => $"{who} may open {Row.Address}",
                SignIn => $"{who} may not open {Row.Address}: sent to sign in",
                NotAllowed => $"{who} may not open {Row.Address}: told not allowed",
                KeyHidden => $"{who} opens {Row.Address} but the key reads as not found",
                _ => throw new ArgumentOutOfRangeException(nameof(Expected), Expected, null),
            };
        }
    }

    private enum OpenTo { Anyone, SignedIn, ApiAccounts }

    private sealed record EndpointRow(string Endpoint, OpenTo OpenTo, OnSites OnSites, string Why);

    private enum OnSites { Answers, Refused }

    private sealed record RoutedEndpoint(string Key, RouteEndpoint Endpoint, bool IsStaticAsset);

    private sealed record CommandColumn(string Action, string Query, string? Document);

    private sealed record CallerRow(ApiCaller Caller, string DescribedAs, IReadOnlyList<CommandAccess> Access);

    private sealed record CommandCell(CallerRow Row, CommandColumn Command, CommandAccess Expected)
    {
        public override string ToString() => Expected switch
        {
            Runs => $"{Row.DescribedAs} may run {Command.Action}",
            Refused => $"{Row.DescribedAs} may not run {Command.Action}: 200 <error> naming the account",
            Unauthenticated => $"{Row.DescribedAs} may not run {Command.Action}: 401 <error>",
            UnknownAction => $"{Row.DescribedAs} gets 'Invalid action' for {Command.Action}",
            _ => throw new ArgumentOutOfRangeException(nameof(Expected), Expected, null),
        };
    }
}
