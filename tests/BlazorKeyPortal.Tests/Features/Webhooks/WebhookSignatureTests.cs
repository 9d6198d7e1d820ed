using BlazorKeyPortal.Features.Webhooks;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r2G6e3V0pX7cJt8LwYzN4bHs1Aa";
    private const string Body = "{\"specversion\":\"1.0\",\"id\":\"audit-42\"}";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1764493200);

    [Fact]
    public void The_header_is_the_unix_time_and_the_hex_HMAC_SHA256_of_time_dot_body()
    {
        // Pinned: computed independently (Python's hmac) over "1764493200." + body with the secret's UTF-8 bytes.
        Assert.Equal("t=1764493200,v1=9d8bd49c7e829a4e23ce5e6722b549e13b27aa68e1542e9e41126db5349bfffb",
            WebhookSignature.Create(Secret, SentAt, Body));
    }

    [Fact]
    public void A_signature_verifies_with_the_secret_within_the_tolerance()
    {
        var header = WebhookSignature.Create(Secret, SentAt, Body);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SentAt.AddMinutes(4), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("another secret of enough length!!", Body, 0)]
    [InlineData(Secret, "{\"specversion\":\"1.0\",\"id\":\"audit-43\"}", 0)]
    [InlineData(Secret, Body, 6)]
    public void A_wrong_secret_a_changed_body_or_an_old_timestamp_does_not_verify(string secret, string body, int minutesLater)
    {
        var header = WebhookSignature.Create(Secret, SentAt, Body);

        Assert.False(WebhookSignature.Verify(header, secret, body, SentAt.AddMinutes(minutesLater), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=9d8bd49c7e829a4e23ce5e6722b549e13b27aa68e1542e9e41126db5349bfffb")]
    [InlineData("t=abc,v1=9d8bd49c7e829a4e23ce5e6722b549e13b27aa68e1542e9e41126db5349bfffb")]
    [InlineData("t=1764493200")]
    public void A_header_without_a_time_or_a_signature_does_not_verify(string? header) =>
        Assert.False(WebhookSignature.Verify(header, Secret, Body, SentAt, TimeSpan.FromMinutes(5)));

    [Fact]
    public void Any_of_several_v1_signatures_may_match()
    {
        var header = WebhookSignature.Create(Secret, SentAt, Body).Replace("v1=", "v1=00ff,v1=", StringComparison.Ordinal);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, SentAt, TimeSpan.FromMinutes(5)));
    }
}
