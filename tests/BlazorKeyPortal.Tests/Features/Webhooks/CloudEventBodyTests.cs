using System.Text.Json;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.Webhooks;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

public sealed class CloudEventBodyTests
{
    private const string AccessKey = "0123456789abcdef0123456789abcdef";

    private static KeyEventData Key() => new(12, "1234567", $"https://support.example.com/?ak={AccessKey}", "team:1", "Support", "agent", "user",
        "INC0012345", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        null, null, null, KeyState.Active);

    [Fact]
    public void An_event_carries_the_cloudevents_attributes_and_the_keys_fields()
    {
        var body = CloudEventBody.Create("audit-42", WebhookEvents.KeyIssued, "https://portal.example.com/", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), "12", Key());

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("1.0", json.GetProperty("specversion").GetString());
        Assert.Equal("audit-42", json.GetProperty("id").GetString());
        Assert.Equal("https://portal.example.com/", json.GetProperty("source").GetString());
        Assert.Equal("com.blazorkeyportal.key.issued", json.GetProperty("type").GetString());
        Assert.Equal("2026-11-30T09:00:00.000Z", json.GetProperty("time").GetString());
        Assert.Equal("12", json.GetProperty("subject").GetString());
        Assert.Equal("application/json", json.GetProperty("datacontenttype").GetString());
        var data = json.GetProperty("data");
        Assert.Equal("1234567", data.GetProperty("short_key").GetString());
        Assert.Equal("https://support.example.com/", data.GetProperty("site_url").GetString());
        Assert.Equal("team:1", data.GetProperty("queue").GetString());
        Assert.Equal("Support", data.GetProperty("site").GetString());
        Assert.Equal("agent", data.GetProperty("issuer").GetString());
        Assert.Equal("INC0012345", data.GetProperty("external_key").GetString());
        Assert.Equal("2026-11-30T10:00:00.000Z", data.GetProperty("expires_at").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("redeemed_site").ValueKind);
        Assert.Equal("active", data.GetProperty("state").GetString());
    }

    [Fact]
    public void The_access_key_is_never_in_an_event()
    {
        var body = CloudEventBody.Create("audit-42", WebhookEvents.KeyIssued, "https://portal.example.com/", DateTimeOffset.UnixEpoch, "12", Key());

        Assert.DoesNotContain(AccessKey, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ak=", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://support.example.com/?ak=abc", "https://support.example.com/")]
    [InlineData("https://support.example.com/?x=1&ak=abc", "https://support.example.com/?x=1")]
    [InlineData("https://support.example.com/", "https://support.example.com/")]
    public void The_site_url_is_the_key_url_without_its_access_key(string keyUrl, string expected) =>
        Assert.Equal(expected, CloudEventBody.WithoutAccessKey(keyUrl));
}
