using System.Net;
using System.Text;
using BlazorKeyPortal.Features.Appliance;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorKeyPortal.Tests.Features.Appliance;

/// <summary>The token is fetched once, kept until shortly before it expires, and fetched again after a refusal.</summary>
public sealed class ApplianceTokensTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenEndpoint _endpoint = new();
    private readonly ApplianceTokens _tokens;

    public ApplianceTokensTests()
    {
        var options = Options.Create(new ApplianceOptions { BaseUrl = "https://appliance.example.com", ClientId = "portal", ClientSecret = "s3cret" });
        _tokens = new ApplianceTokens(new StubHttpClients(_endpoint), options, _clock);
    }

    [Fact]
    public async Task A_token_is_reused_until_shortly_before_it_expires()
    {
        var first = await _tokens.GetAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(3600 - 61));
        var beforeRenewal = await _tokens.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var afterRenewal = await _tokens.GetAsync(CancellationToken.None);

        beforeRenewal.ShouldBe(first);
        afterRenewal.ShouldNotBe(first);
        _endpoint.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task A_short_lived_token_is_renewed_a_tenth_of_its_lifetime_early()
    {
        _endpoint.ExpiresIn = 100;
        var first = await _tokens.GetAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(89));
        var kept = await _tokens.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = await _tokens.GetAsync(CancellationToken.None);

        kept.ShouldBe(first);
        renewed.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_by_a_new_one()
    {
        var first = await _tokens.GetAsync(CancellationToken.None);

        _tokens.Reject(first);
        var second = await _tokens.GetAsync(CancellationToken.None);

        second.ShouldNotBe(first);
        _endpoint.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task Rejecting_an_older_token_keeps_the_newer_one()
    {
        var first = await _tokens.GetAsync(CancellationToken.None);
        _tokens.Reject(first);
        var second = await _tokens.GetAsync(CancellationToken.None);

        _tokens.Reject(first);
        var third = await _tokens.GetAsync(CancellationToken.None);

        third.ShouldBe(second);
    }

    [Fact]
    public async Task The_credentials_are_sent_as_the_appliance_documents_them()
    {
        await _tokens.GetAsync(CancellationToken.None);

        _endpoint.LastAuthorization.ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("portal:s3cret")));
        _endpoint.LastBody.ShouldBe("grant_type=client_credentials");
        _endpoint.LastPath.ShouldBe("/oauth2/token");
    }

    [Fact]
    public async Task Refused_credentials_give_a_message_naming_the_client_id_and_the_reason()
    {
        _endpoint.Refuse = true;

        var failure = await Should.ThrowAsync<ApplianceException>(() => _tokens.GetAsync(CancellationToken.None));

        failure.Kind.ShouldBe(ApplianceFailureKind.Unauthorized);
        failure.Message.ShouldContain("Appliance:ClientId 'portal'");
        failure.Message.ShouldContain("invalid_client");
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _endpoint.Dispose();
    }

    /// <summary>An <c>/oauth2/token</c> that counts requests and answers as an appliance does.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        public int Requests { get; private set; }
        public int ExpiresIn { get; set; } = 3600;
        public bool Refuse { get; set; }
        public string? LastAuthorization { get; private set; }
        public string? LastBody { get; private set; }
        public string? LastPath { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            LastAuthorization = request.Headers.Authorization?.ToString();
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            LastPath = request.RequestUri!.AbsolutePath;
            return Refuse
                ? new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    Content = new StringContent("""{"error":"invalid_client","error_description":"The client credentials are invalid."}""", Encoding.UTF8, "application/json"),
                }
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent($$"""{"access_token":"token-{{Requests}}","token_type":"Bearer","expires_in":{{ExpiresIn}}}""", Encoding.UTF8, "application/json"),
                };
        }
    }

    private sealed class StubHttpClients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("https://appliance.example.com/") };
    }
}
