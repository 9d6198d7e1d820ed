using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.CommandApi;

/// <summary>Every query example of the source document works literally against the Development seed.</summary>
public sealed class GenerateSessionKeyQueryExampleTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("action=generate_session_key&type=support&queue_id=general", "general", null)]
    [InlineData("action=generate_session_key&type=support&queue_id=rep:1", "rep", "1")]
    [InlineData("action=generate_session_key&type=support&queue_id=team:1", "team", "1")]
    [InlineData("action=generate_session_key&type=support&queue_id=embassy:1", "embassy", "1")]
    [InlineData("action=generate_session_key&type=support&queue_id=rep_username:admin", "rep", "1")]
    [InlineData("action=generate_session_key&type=support&queue_id=issue:other", "team", "1")]
    [InlineData("action=generate_session_key&type=support&queue_id=general&ttl=3600", "general", null)]
    [InlineData("action=generate_session_key&type=support&queue_id=general&session.custom.external_key=ABC1234&session.custom.custom_field1=Custom%20Value", "general", null)]
    [InlineData("action=generate_session_key&type=support&queue_id=general&url_hostname=support.example.com", "general", null)]
    [InlineData("action=generate_session_key&type=support&queue_id=general&session.priority=1&session.skills=codename1,codename2", "general", null)]
    public async Task A_source_document_example_returns_a_session_key(string query, string queue, string? queueId)
    {
        var api = await new CommandApiClient(portal.CreateClient()).SignedInAsync();

        var reply = (await api.GetAsync(query)).ShouldBeSessionKey();

        reply.Element("queue").ShouldBe(queue);
        reply.ElementOrNull("queue_id").ShouldBe(queueId);
        reply.Element("short_key").ShouldMatch("^[0-9]{7}$");
        reply.Element("key_url").ShouldMatch("/\\?ak=[0-9a-f]{32}$");
    }
}
