using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// The built-in provider's own session (its cookie, which lets the authorization endpoint sign a user in without the
/// password): kept on the server like the portal's, ended by the portal's sign-out wherever its cookie was copied to,
/// and not ended by a request that anyone could make a browser send.
/// </summary>
public sealed class ProviderSessionTests(SessionPortalFactory portal) : IClassFixture<SessionPortalFactory>
{
    private const string SignInAgain = "/authentication/login?returnUrl=/keys";

    [Fact]
    public async Task Every_cookie_copied_before_sign_out_signs_nobody_in_after_it()
    {
        await portal.CreateUserAsync("provider-copied", PortalRoles.Agent);
        var (browser, cookies) = portal.NewBrowserWithCookies();
        var page = await browser.SignInAsync("provider-copied", path: "/keys");
        var copy = CopyOf(cookies);

        await browser.SignOutAsync(page);
        var afterwards = await copy.GetAsync(SignInAgain);

        afterwards.Address.AbsolutePath.ShouldBe(BuiltInProvider.LoginPath, string.Join(" -> ", afterwards.Redirects));
        await using var db = portal.CreateDbContext();
        (await db.PortalSessions.AnyAsync(s => s.UserName == "provider-copied")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_provider_session_lives_on_the_server_and_its_cookie_carries_only_a_key()
    {
        await portal.CreateUserAsync("provider-kept", PortalRoles.Agent);
        var (browser, cookies) = portal.NewBrowserWithCookies();

        await browser.SignInAsync("provider-kept", path: "/keys");

        ProviderCookie(cookies).Value.Length.ShouldBeLessThan(600);
        await using var db = portal.CreateDbContext();
        // One row for the portal's session, one for the provider's.
        (await db.PortalSessions.CountAsync(s => s.UserName == "provider-kept")).ShouldBe(2);
    }

    [Fact]
    public async Task A_bare_cross_site_get_of_the_end_session_endpoint_does_not_sign_the_provider_out()
    {
        await portal.CreateUserAsync("provider-lured", PortalRoles.Agent);
        var browser = portal.NewBrowser();
        await browser.SignInAsync("provider-lured", path: "/keys");

        // What a link or an image on any other site makes the browser send: a top-level GET with the Lax cookies.
        using var request = new HttpRequestMessage(HttpMethod.Get, BuiltInProvider.EndSessionPath);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Referrer = new Uri("https://evil.example/");
        using (var lured = await browser.Http.SendAsync(request))
        {
            lured.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var afterwards = await browser.GetAsync(SignInAgain);

        afterwards.Address.AbsolutePath.ShouldBe("/keys", string.Join(" -> ", afterwards.Redirects));
        afterwards.Redirects.ShouldNotContain(u => u.AbsolutePath == BuiltInProvider.LoginPath);
    }

    [Fact]
    public async Task The_portals_own_sign_out_still_ends_both_sessions_and_returns_to_the_signed_out_page()
    {
        await portal.CreateUserAsync("provider-leaving", PortalRoles.Agent);
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("provider-leaving", path: "/keys");

        var signedOut = await browser.SignOutAsync(page);
        var afterwards = await browser.GetAsync(SignInAgain);

        signedOut.Status.ShouldBe(HttpStatusCode.OK);
        signedOut.Address.AbsolutePath.ShouldBe(BuiltInProvider.SignedOutPath, string.Join(" -> ", signedOut.Redirects));
        afterwards.Address.AbsolutePath.ShouldBe(BuiltInProvider.LoginPath);
    }

    [Fact]
    public async Task An_end_session_request_with_another_users_id_token_does_not_sign_the_provider_out()
    {
        await portal.CreateUserAsync("provider-victim", PortalRoles.Agent);
        await portal.CreateUserAsync("provider-attacker", PortalRoles.Agent);
        var victim = portal.NewBrowser();
        await victim.SignInAsync("provider-victim", path: "/keys");
        var attackersIdToken = await IdTokenOfAsync("provider-attacker");

        using (var lured = await victim.GetRawAsync($"{BuiltInProvider.EndSessionPath}?id_token_hint={Uri.EscapeDataString(attackersIdToken)}"))
        {
            lured.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var afterwards = await victim.GetAsync(SignInAgain);

        afterwards.Address.AbsolutePath.ShouldBe("/keys", string.Join(" -> ", afterwards.Redirects));
    }

    [Fact]
    public async Task Signing_out_hours_after_signing_in_still_ends_both_sessions_though_the_id_token_has_expired()
    {
        // The provider validates tokens on the portal's clock, so moving it ages the ID token the sign-out sends along.
        portal.Get<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.TimeProvider.ShouldBeSameAs(portal.Clock);
        await portal.CreateUserAsync("provider-late", PortalRoles.Agent);
        var browser = portal.NewBrowser();
        var page = await browser.SignInAsync("provider-late", path: "/keys");
        portal.Clock.Advance(TimeSpan.FromHours(3));

        var signedOut = await browser.SignOutAsync(page);
        var afterwards = await browser.GetAsync(SignInAgain);

        signedOut.Address.AbsolutePath.ShouldBe(BuiltInProvider.SignedOutPath, string.Join(" -> ", signedOut.Redirects));
        afterwards.Address.AbsolutePath.ShouldBe(BuiltInProvider.LoginPath);
    }

    /// <summary>An ID token of <paramref name="userName"/> for the portal's client, as any user can get their own (code flow with PKCE).</summary>
    private async Task<string> IdTokenOfAsync(string userName)
    {
        var browser = portal.NewBrowser();
        await browser.SignInAsync(userName, path: "/keys");
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var redirectUri = "http://localhost" + SignInServiceCollectionExtensions.CallbackPath;
        using var code = await browser.GetRawAsync(QueryHelpers.AddQueryString(BuiltInProvider.AuthorizePath, new Dictionary<string, string?>
        {
            ["client_id"] = BuiltInProvider.ClientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = "openid profile",
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256",
            ["state"] = "s", ["nonce"] = "n",
        }));
        using var token = await browser.Http.PostAsync(BuiltInProvider.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = QueryHelpers.ParseQuery(code.Headers.Location!.Query)["code"].ToString(),
            ["redirect_uri"] = redirectUri, ["client_id"] = BuiltInProvider.ClientId, ["code_verifier"] = verifier,
        }));
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id_token").GetString()!;
    }

    /// <summary>A client that sends every cookie of the browser, as someone who copied them would.</summary>
    private PortalBrowserClient CopyOf(CookieContainer cookies)
    {
        var copied = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies()) copied.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return new PortalBrowserClient(portal.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(copied)));
    }

    private static Cookie ProviderCookie(CookieContainer cookies) =>
        cookies.GetCookies(new Uri("http://localhost"))[".BlazorKeyPortal.Provider"].ShouldNotBeNull("no provider cookie");
}
