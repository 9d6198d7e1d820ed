using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Administration.ApiAccounts;
using BlazorKeyPortal.Features.Catalog;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>Who opens a portal page: nobody, a Development user signed in through the real sign-in, or an API token.</summary>
public enum Visitor
{
    Anonymous,
    Agent,
    Supervisor,
    Admin,
    /// <summary>No portal session, only a full-access API account's bearer token.</summary>
    ApiToken,
}

/// <summary>What a visitor gets from a page.</summary>
public enum PageAccess
{
    /// <summary>200 and the page itself (its title, or its download).</summary>
    Opens,
    /// <summary>302 to the built-in provider, which asks for the password on /account/login; nothing of the page.</summary>
    SignIn,
    /// <summary>Signed in without the role: 302 to /account/not-allowed; nothing of the page.</summary>
    NotAllowed,
    /// <summary>The page opens, but the key reads as "not found" (an agent and a key someone else issued).</summary>
    KeyHidden,
}

/// <summary>Who calls <c>/api/command</c>.</summary>
public enum ApiCaller
{
    NoToken,
    InvalidToken,
    /// <summary>A token in use (so the token cache holds it) when its account's secret was regenerated.</summary>
    RevokedToken,
    /// <summary>A token in use when its account was disabled.</summary>
    DisabledAccountToken,
    /// <summary>A full-access token in use when its account was lowered to deny.</summary>
    LoweredToDenyToken,
    /// <summary>A portal user's own access token from the built-in provider (authorization code + PKCE).</summary>
    PortalUserAccessToken,
    /// <summary>A signed-in admin's portal cookie, without a bearer token.</summary>
    PortalCookie,
    Deny,
    ReadOnly,
    FullAccess,
    /// <summary>A full-access token in use when its account was limited to networks the caller is outside of.</summary>
    FullAccessOutsideAllowedNetworks,
}

/// <summary>What a command request gets.</summary>
public enum CommandAccess
{
    /// <summary>200 and the action's document.</summary>
    Runs,
    /// <summary>200 and an <c>&lt;error&gt;</c> that names the API account, as appliances answer.</summary>
    Refused,
    /// <summary>401 and an <c>&lt;error&gt;</c> document.</summary>
    Unauthenticated,
    /// <summary>200 and <c>&lt;error&gt;Invalid action&lt;/error&gt;</c>.</summary>
    UnknownAction,
}

/// <summary>
/// One cell of a matrix, named by its sentence ("supervisor may not open /admin/sites: told not allowed").
/// Serializable, so that every cell is a test of its own, and shown whole: xunit cuts string arguments at 50 characters.
/// </summary>
public sealed class MatrixCell : IXunitSerializable
{
    [Obsolete("For xunit's serializer only.")]
    public MatrixCell()
    {
    }

    public MatrixCell(string sentence) => Sentence = sentence;

    public string Sentence { get; private set; } = "";

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Sentence), Sentence);

    public void Deserialize(IXunitSerializationInfo info) => Sentence = info.GetValue<string>(nameof(Sentence));

    public override string ToString() => Sentence;
}

/// <summary>The two sample keys that stand in for <c>{Id}</c> of <c>/history/{Id:long}</c>.</summary>
public sealed record SampleKeys(IssuedSessionKey Agents, IssuedSessionKey Agent2s)
{
    /// <summary>Replaces the placeholders of a matrix row with the real ids and short keys.</summary>
    public string Fill(string text) => text
        .Replace("{agent's key id}", Agents.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{agent's short key}", Agents.ShortKey, StringComparison.Ordinal)
        .Replace("{agent2's key id}", Agent2s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{agent2's short key}", Agent2s.ShortKey, StringComparison.Ordinal);
}

/// <summary>
/// The portal of the authorization matrix, shared by the whole class: the Development users signed in once each
/// through the real sign-in, API accounts made through the admin service (one per permission, plus accounts changed by
/// an administrator while their token was in use), and two sample keys. Everything is made on first use and kept.
/// </summary>
public sealed class AuthorizationMatrixPortal : SignInPortalFactory
{
    private const string Actor = "admin";

    private readonly ConcurrentDictionary<Visitor, Lazy<Task<PortalBrowserClient>>> _browsers = new();
    private readonly ConcurrentDictionary<ApiCaller, Lazy<Task<(HttpClient Client, string? ClientId)>>> _callers = new();
    private readonly Lazy<Task<SampleKeys>> _keys;

    public AuthorizationMatrixPortal() => _keys = new(CreateSampleKeysAsync);

    // Every endpoint the portal can serve is in the matrix, the ones behind a setting too.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" };

    public Task<SampleKeys> KeysAsync() => _keys.Value;

    /// <summary>
    /// A client for <paramref name="visitor"/>: a fresh browser for each anonymous request (so that the sign-in's
    /// correlation cookies never pile up), the same signed-in browser for each user, a bearer-only client for an
    /// API token. Redirects are not followed.
    /// </summary>
    public async Task<PortalBrowserClient> BrowserAsync(Visitor visitor) => visitor switch
    {
        Visitor.Anonymous => NewBrowser(),
        Visitor.ApiToken => new PortalBrowserClient((await CallerAsync(ApiCaller.FullAccess)).Client),
        _ => await _browsers.GetOrAdd(visitor, v => new(() => SignInAsync(v.ToString().ToLowerInvariant()))).Value,
    };

    /// <summary>A client for <paramref name="caller"/> and the client id of its API account (null when it has none).</summary>
    public Task<(HttpClient Client, string? ClientId)> CallerAsync(ApiCaller caller) =>
        _callers.GetOrAdd(caller, c => new(() => CreateCallerAsync(c))).Value;

    private async Task<PortalBrowserClient> SignInAsync(string userName)
    {
        var browser = NewBrowser();
        var home = await browser.SignInAsync(userName, path: "/");
        home.Status.ShouldBe(HttpStatusCode.OK, $"{userName} could not sign in: {home.Address}");
        return browser;
    }

    private async Task<(HttpClient, string?)> CreateCallerAsync(ApiCaller caller)
    {
        switch (caller)
        {
            case ApiCaller.NoToken:
                return (CreateClient(), null);
            case ApiCaller.InvalidToken:
                return (Bearer("not-a-token"), null);
            case ApiCaller.PortalUserAccessToken:
                return (Bearer(await PortalUserAccessTokenAsync("agent2")), null);
            case ApiCaller.PortalCookie:
                return ((await BrowserAsync(Visitor.Admin)).Http, null);
            case ApiCaller.Deny:
                return await AccountAsync("matrix-deny", CommandPermission.Deny);
            case ApiCaller.ReadOnly:
                return await AccountAsync("matrix-read-only", CommandPermission.ReadOnly);
            case ApiCaller.FullAccess:
                return await AccountAsync("matrix-full-access", CommandPermission.FullAccess);
            case ApiCaller.RevokedToken:
                return await ChangedWhileInUseAsync("matrix-revoked", clientId => Get<ApiAccountAdministration>().RegenerateSecretAsync(Actor, clientId));
            case ApiCaller.DisabledAccountToken:
                return await ChangedWhileInUseAsync("matrix-disabled", clientId => UpdateAccountAsync(clientId, form => form.IsEnabled = false));
            case ApiCaller.LoweredToDenyToken:
                return await ChangedWhileInUseAsync("matrix-lowered", clientId => UpdateAccountAsync(clientId, form => form.CommandPermission = CommandPermission.Deny));
            case ApiCaller.FullAccessOutsideAllowedNetworks:
                // The test server's client has no address, so it is outside every network.
                return await ChangedWhileInUseAsync("matrix-networks", clientId => UpdateAccountAsync(clientId, form => form.AllowedNetworks = "10.20.0.0/16"));
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    /// <summary>An API account made as an administrator makes one, and a client holding one of its tokens.</summary>
    private async Task<(HttpClient Client, string ClientId)> AccountAsync(string clientId, CommandPermission permission)
    {
        var (result, secret) = await Get<ApiAccountAdministration>().CreateAsync(Actor,
            new ApiAccountForm { Name = clientId, ClientId = clientId, CommandPermission = permission });
        result.Errors.ShouldBeEmpty();
        var token = await new CommandApiClient(CreateClient()).TokenAsync(clientId, secret!);
        return (Bearer(token), clientId);
    }

    /// <summary>
    /// A full-access account whose token has run a command (so that <see cref="Features.ApiAccess.ApiTokenCache"/> holds
    /// it) before an administrator's <paramref name="change"/>: the change must hold for that token at once.
    /// </summary>
    private async Task<(HttpClient Client, string ClientId)> ChangedWhileInUseAsync(string clientId, Func<string, Task> change)
    {
        var (client, _) = await AccountAsync(clientId, CommandPermission.FullAccess);
        var before = await new CommandApiClient(client).GetAsync("action=get_api_info");
        before.Xml.Root!.Name.ShouldBe(CommandApiClient.Ns + "api_information", before.Body);
        await change(clientId);
        return (client, clientId);
    }

    private async Task UpdateAccountAsync(string clientId, Action<ApiAccountForm> change)
    {
        var form = ApiAccountForm.From((await Get<PortalCatalog>().GetAsync()).ApiAccountByClientId[clientId]);
        change(form);
        (await Get<ApiAccountAdministration>().UpdateAsync(Actor, form)).Errors.ShouldBeEmpty();
    }

    private HttpClient Bearer(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// What any portal user can get for themselves: the portal's client is public, so they can run the code flow
    /// with a verifier of their own and keep the access token the built-in provider issues.
    /// </summary>
    private async Task<string> PortalUserAccessTokenAsync(string userName)
    {
        var browser = await SignInAsync(userName);
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = "http://localhost" + SignInServiceCollectionExtensions.CallbackPath;
        var authorize = QueryHelpers.AddQueryString(BuiltInProvider.AuthorizePath, new Dictionary<string, string?>
        {
            ["client_id"] = BuiltInProvider.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile roles",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "matrix",
            ["nonce"] = "matrix",
        });
        using var codeResponse = await browser.GetRawAsync(authorize);
        codeResponse.StatusCode.ShouldBe(HttpStatusCode.Found);
        var code = QueryHelpers.ParseQuery(codeResponse.Headers.Location!.Query)["code"].ToString();
        code.ShouldNotBeNullOrEmpty(codeResponse.Headers.Location.ToString());

        using var tokenResponse = await browser.Http.PostAsync(BuiltInProvider.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = BuiltInProvider.ClientId,
            ["code_verifier"] = verifier,
        }));
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await tokenResponse.Content.ReadAsStringAsync());
        return (await tokenResponse.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private async Task<SampleKeys> CreateSampleKeysAsync()
    {
        var catalog = await Get<PortalCatalog>().GetAsync();
        async Task<IssuedSessionKey> IssueAsync(string userName)
        {
            var outcome = await Get<SessionKeyService>().GenerateAsync(
                new SessionKeyRequest { QueueId = "team:1" }, KeyIssuer.User(userName, catalog.TeamIdsOfUser(userName)), null);
            return outcome.Key.ShouldNotBeNull(string.Join("; ", outcome.Errors.Select(e => e.ErrorMessage)));
        }
        return new SampleKeys(await IssueAsync("agent"), await IssueAsync("agent2"));
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
