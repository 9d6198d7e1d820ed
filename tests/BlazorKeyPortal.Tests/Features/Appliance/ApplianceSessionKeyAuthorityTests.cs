using BlazorKeyPortal.Features.Appliance;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Tests.Features.Appliance;

public sealed class ApplianceSessionKeyAuthorityTests
{
    [Theory]
    [InlineData("Unable to find a representative with the username 'nobody'", nameof(SessionKeyRequest.QueueId))]
    [InlineData("Invalid queue_id", nameof(SessionKeyRequest.QueueId))]
    [InlineData("url_hostname is not a public site hostname", nameof(SessionKeyRequest.UrlHostname))]
    [InlineData("session.custom.external_key is too long", nameof(SessionKeyRequest.ExternalKey))]
    [InlineData("Invalid ttl", nameof(SessionKeyRequest.Ttl))]
    [InlineData("session.priority must be 1, 2 or 3", nameof(SessionKeyRequest.Priority))]
    public void A_refusal_that_names_one_parameter_belongs_to_that_field(string message, string property)
    {
        ApplianceSessionKeyAuthority.RefusedProperty(message).ShouldBe(property);
    }

    [Theory]
    [InlineData("Invalid action")]
    [InlineData("requests are throttled")]
    [InlineData("queue_id and ttl do not go together")]
    public void A_refusal_that_names_no_single_parameter_belongs_to_the_whole_request(string message)
    {
        ApplianceSessionKeyAuthority.RefusedProperty(message).ShouldBeNull();
    }
}
